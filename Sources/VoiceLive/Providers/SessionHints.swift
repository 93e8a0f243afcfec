/// What a session knows before it starts that helps its providers.
///
/// `expectedPhrases` are the phrases the caller is expected to say, in order (a test's
/// script, or the sidecar transcript of a WAV). The Deepgram adapter sends them as
/// `keyterm`s, which real Deepgram uses as vocabulary hints and the local stand-in uses as
/// its transcripts (see `KeytermRecognizer`).
public struct SessionHints: Equatable, Sendable {
    public var expectedPhrases: [String]

    public init(expectedPhrases: [String] = []) {
        self.expectedPhrases = expectedPhrases
    }
}

/// A word of synthesized speech: its text and where it sounds, in samples at 16 kHz.
public struct SpokenWord: Equatable, Sendable {
    public var text: String
    /// First sample of the word.
    public var startSample: Int
    /// Sample after the word (the next word's start, or the end of the audio).
    public var endSample: Int

    public init(text: String, startSample: Int, endSample: Int) {
        self.text = text
        self.startSample = startSample
        self.endSample = endSample
    }
}

/// What `Synthesizer.speak` made: 16 kHz mono PCM and the timing of each word.
public struct Synthesis: Equatable, Sendable {
    public var samples: [Int16]
    public var words: [SpokenWord]

    public init(samples: [Int16], words: [SpokenWord]) {
        self.samples = samples
        self.words = words
    }
}

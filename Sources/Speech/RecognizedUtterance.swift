/// What a decoder heard in one utterance.
public struct RecognizedUtterance: Equatable, Sendable {
    /// A word and its frames (10 ms each) from the start of the decoder's utterance.
    public struct Word: Equatable, Sendable {
        public var text: String
        public var startFrame: Int
        /// Frame after the word.
        public var endFrame: Int
    }

    /// The words, separated by spaces ("" when nothing was heard).
    public var text: String
    /// The spoken words (silences and noises left out).
    public var words: [Word]

    /// A segment's word as spoken: nil for silence and noise fillers (`<sil>`, `[NOISE]`),
    /// without the alternate-pronunciation mark (`read(2)` → `read`).
    static func spoken(_ segment: String) -> String? {
        guard let first = segment.first, first != "<", first != "[" else { return nil }
        if let parenthesis = segment.firstIndex(of: "(") { return String(segment[..<parenthesis]) }
        return segment
    }
}

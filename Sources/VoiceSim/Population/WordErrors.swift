/// Word errors of a transcript against what was said: the word-level edit distance
/// (substitutions, insertions, deletions) and the number of words said, so that
/// 1 − Σ errors / Σ words is the transcription accuracy of many turns.
///
/// Words are compared case-insensitively without punctuation: "Tonight?" and "tonight" are
/// the same word to a listener.
public struct WordErrors: Equatable, Sendable {
    public var errors: Int
    public var referenceWords: Int

    public init(errors: Int = 0, referenceWords: Int = 0) {
        self.errors = errors
        self.referenceWords = referenceWords
    }
}

extension WordErrors {
    /// `heard` against `said`.
    /// - Complexity: O(said words × heard words).
    public init(said: String, heard: String) {
        let reference = WordErrors.words(said)
        let hypothesis = WordErrors.words(heard)
        var previous = Array(0...hypothesis.count)
        for (i, word) in reference.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: hypothesis.count)
            for (j, other) in hypothesis.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (word == other ? 0 : 1))
            }
            previous = current
        }
        self.init(errors: previous[hypothesis.count], referenceWords: reference.count)
    }

    static func words(_ text: String) -> [String] {
        asciiWords(text) ?? unicodeWords(text)
    }

    /// Lower-cased words with only their letters and digits, split at spaces.
    static func unicodeWords(_ text: String) -> [String] {
        text.lowercased().split(separator: " ").map { word in
            String(word.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
                .map(Character.init))
        }.filter { !$0.isEmpty }
    }

    /// `words` for ASCII text, byte by byte: transcripts are ASCII, and a population run compares
    /// every turn's, where Unicode property lookups per scalar cost more than the edit distance.
    /// Nil when `text` has a byte outside ASCII.
    static func asciiWords(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var words: [String] = []
            var word: [UInt8] = []
            for byte in bytes {
                switch byte {
                case UInt8(ascii: " "):
                    if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                    word.removeAll(keepingCapacity: true)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte | 0x20)
                case 0x80...: return nil
                default: continue
                }
            }
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            return words
        }
    }

    public static func + (lhs: WordErrors, rhs: WordErrors) -> WordErrors {
        WordErrors(errors: lhs.errors + rhs.errors, referenceWords: lhs.referenceWords + rhs.referenceWords)
    }
}

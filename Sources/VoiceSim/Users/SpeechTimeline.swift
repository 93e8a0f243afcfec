import VoiceCore

/// Ground truth of what a simulated user said and when, in mic-capture time.
///
/// The simulated STT reads it to decide which words a chunk of audio contains, and
/// latency reports read it: "the user stopped speaking" is the end of an utterance's
/// last word. It grows while the simulation runs, because some utterances are scheduled
/// only when the assistant starts or stops speaking; entries never change once added.
public struct SpeechTimeline: Equatable, Sendable {
    /// Scheduled utterances, in script order (which is also time order).
    public private(set) var utterances: [Utterance]
    /// Scheduled coughs, in the order they were scheduled.
    public private(set) var coughs: [Cough]

    public init() {
        utterances = []
        coughs = []
    }
}

extension SpeechTimeline {
    /// One spoken word: the audio of `text` spans `[start, end)`.
    public struct Word: Equatable, Sendable {
        public var text: String
        public var start: Instant
        public var end: Instant
    }

    /// One scheduled utterance.
    public struct Utterance: Equatable, Sendable {
        /// Position in the script's `utterances`.
        public var index: Int
        public var words: [Word]
        /// True when the caller gave up waiting for the assistant and spoke anyway.
        public var startedAfterTimeout: Bool
        /// True when the utterance was scheduled as a barge-in.
        public var isBargeIn: Bool

        public var start: Instant { words.first?.start ?? .zero }
        /// End of the last word: "the user stopped speaking".
        public var end: Instant { words.last?.end ?? .zero }
        /// The words joined by single spaces.
        public var text: String { words.map(\.text).joined(separator: " ") }
    }

    /// One cough: `[start, end)`.
    public struct Cough: Equatable, Sendable {
        public var start: Instant
        public var end: Instant
    }

    mutating func append(_ utterance: Utterance) {
        if let last = utterances.last {
            precondition(utterance.start >= last.end, "utterance \(utterance.index) starts before \(last.index) ends")
        }
        utterances.append(utterance)
    }

    mutating func append(_ cough: Cough) {
        coughs.append(cough)
    }

    /// The utterance whose audio contains `time` (between its first word's start and its
    /// last word's end), if any.
    /// - Complexity: O(log(`utterances.count`)).
    public func utterance(at time: Instant) -> Utterance? {
        var low = 0
        var high = utterances.count
        while low < high {
            let middle = (low + high) / 2
            if utterances[middle].end <= time { low = middle + 1 } else { high = middle }
        }
        guard low < utterances.count, utterances[low].start <= time else { return nil }
        return utterances[low]
    }

    /// Total number of scheduled words.
    public var wordCount: Int { utterances.reduce(0) { $0 + $1.words.count } }
}

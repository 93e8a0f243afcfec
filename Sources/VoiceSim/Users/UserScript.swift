import VoiceCore

/// What one simulated caller says and does, and when.
///
/// Utterances happen in script order. Each starts at an absolute time, a pause after the
/// previous utterance, a pause after the assistant finishes its reply, or as a barge-in
/// some time after the assistant starts speaking. A user never talks over themself: an
/// utterance that would start before the previous one ends starts
/// `UserScript.utteranceGapMicrosMin` after it.
public struct UserScript: Equatable, Sendable {
    /// The caller's user id (admission, daily caps).
    public var id: String
    public var utterances: [Utterance]
    /// Coughs at absolute times (start of each cough).
    public var coughs: [Instant]
    /// Speaking rate; a word's duration follows from its length (~6 characters a word).
    public var wordsPerMinute: Int64
    /// Pitch and room noise of the caller's microphone signal.
    public var voice: SpeechSynth.Voice
    /// How long the caller waits for a reply (or for the assistant to start speaking, for
    /// a barge-in) before speaking anyway.
    public var replyTimeoutMicros: Int64

    public init(
        id: String = "user-1", utterances: [Utterance], coughs: [Instant] = [], wordsPerMinute: Int64 = 150,
        voice: SpeechSynth.Voice = .user, replyTimeoutMicros: Int64 = 20_000_000
    ) {
        precondition(wordsPerMinute > 0, "wordsPerMinute \(wordsPerMinute) <= 0")
        precondition(replyTimeoutMicros > 0, "replyTimeoutMicros \(replyTimeoutMicros) <= 0")
        self.id = id
        self.utterances = utterances
        self.coughs = coughs
        self.wordsPerMinute = wordsPerMinute
        self.voice = voice
        self.replyTimeoutMicros = replyTimeoutMicros
    }
}

extension UserScript {
    /// Minimum silence between two utterances of one caller.
    public static let utteranceGapMicrosMin: Int64 = 200_000

    /// One thing the caller says.
    public struct Utterance: Equatable, Sendable {
        /// The words, separated by spaces (punctuation stays attached to its word).
        public var text: String
        public var start: Start
        /// Cough this long after the assistant starts replying to this utterance (nil:
        /// no cough). A cough must not be taken for a barge-in.
        public var coughAfterReplyStartsMicros: Int64?

        public init(_ text: String, start: Start, coughAfterReplyStartsMicros: Int64? = nil) {
            self.text = text
            self.start = start
            self.coughAfterReplyStartsMicros = coughAfterReplyStartsMicros
        }

        /// The utterance's words (split on spaces, empty pieces dropped).
        public var words: [Substring] { text.split(separator: " ", omittingEmptySubsequences: true) }
    }

    /// When an utterance starts.
    public enum Start: Equatable, Sendable {
        /// At this time (or right after the previous utterance, if that is later).
        case at(Instant)
        /// This long after the previous utterance ended, without waiting for a reply.
        case afterPrevious(pauseMicros: Int64)
        /// This long after the assistant finished speaking its reply to the previous
        /// utterance.
        case afterReply(pauseMicros: Int64)
        /// Barge-in: this long after the assistant started speaking its reply to the
        /// previous utterance.
        case bargeIn(afterMicros: Int64)
        /// At an event of this call plus the trigger's offset, counting only events from the
        /// end of the previous utterance on (from the call's start for the first). No timeout:
        /// if the event never comes, neither does this utterance (nor any after it).
        case after(EventTrigger)

        /// True for starts that wait for the assistant's reply (and give up after the reply timeout).
        public var waitsForAssistant: Bool {
            switch self {
            case .at, .afterPrevious, .after: false
            case .afterReply, .bargeIn: true
            }
        }
    }

    /// Microseconds of speech per character at this script's rate (a word ≈ 6 characters
    /// with its space: 150 words/min → 66.7 ms a character, 400 ms a word).
    public var characterMicros: Int64 { 60_000_000 / (wordsPerMinute * 6) }
}

import VoiceCore

/// What one simulated caller says and does, and when.
///
/// Utterances happen in script order. Each starts at an absolute time, a pause after the
/// previous utterance, a pause after the assistant finishes its reply, or as a barge-in
/// some time after the assistant starts speaking. A user never talks over themself: an
/// utterance that would start before the previous one ends starts
/// `UserScript.utteranceGapMicrosMin` after it.
///
/// A caller may place the same call several times (`calls`), one every `callEveryMicros`;
/// every time in the script is then relative to the start of its call.
public struct UserScript: Equatable, Sendable {
    /// The caller's user id (admission, daily caps).
    public var id: String
    public var utterances: [Utterance]
    /// Coughs at times from the start of the call.
    public var coughs: [Cough]
    /// Speaking rate; a word's duration follows from its length (~6 characters a word).
    public var wordsPerMinute: Int64
    /// Pitch and room noise of the caller's microphone signal.
    public var voice: SpeechSynth.Voice
    /// How long the caller waits for a reply (or for the assistant to start speaking, for
    /// a barge-in) before speaking anyway.
    public var replyTimeoutMicros: Int64
    /// How many times the caller places this call (each one a session the manager admits or refuses).
    public var calls: Int
    /// Time from the start of one call to the start of the next (with `calls > 1`).
    public var callEveryMicros: Int64
    /// How long each call lasts before the caller hangs up; nil: until the run ends.
    public var callMicros: Int64?

    public init(
        id: String = "user-1", utterances: [Utterance], coughs: [Cough] = [], wordsPerMinute: Int64 = 150,
        voice: SpeechSynth.Voice = .user, replyTimeoutMicros: Int64 = 20_000_000, calls: Int = 1,
        callEveryMicros: Int64 = 0, callMicros: Int64? = nil
    ) {
        precondition(wordsPerMinute > 0, "wordsPerMinute \(wordsPerMinute) <= 0")
        precondition(replyTimeoutMicros > 0, "replyTimeoutMicros \(replyTimeoutMicros) <= 0")
        precondition(calls >= 1, "calls \(calls) < 1")
        precondition(callEveryMicros >= 0, "callEveryMicros \(callEveryMicros) < 0")
        precondition(callMicros.map { $0 > 0 } ?? true, "callMicros \(callMicros ?? 0) <= 0")
        self.id = id
        self.utterances = utterances
        self.coughs = coughs
        self.wordsPerMinute = wordsPerMinute
        self.voice = voice
        self.replyTimeoutMicros = replyTimeoutMicros
        self.calls = calls
        self.callEveryMicros = callEveryMicros
        self.callMicros = callMicros
    }
}

extension UserScript {
    /// Minimum silence between two utterances of one caller.
    public static let utteranceGapMicrosMin: Int64 = 200_000

    /// One cough: loud broadband noise that decays over its duration. A short one must not
    /// be taken for speech; a long one may be (the VAD's minimum speech duration decides).
    public struct Cough: Equatable, Sendable {
        /// When it starts, from the start of the call.
        public var at: Instant
        public var durationMicros: Int64

        public init(at: Instant, durationMicros: Int64 = SpeechSynth.coughMicros) {
            precondition(durationMicros > 0, "cough durationMicros \(durationMicros) <= 0")
            self.at = at
            self.durationMicros = durationMicros
        }
    }

    /// One thing the caller says.
    public struct Utterance: Equatable, Sendable {
        /// The words, separated by spaces (punctuation stays attached to its word).
        public var text: String
        public var start: Start
        /// Cough this long after the assistant starts replying to this utterance (nil:
        /// no cough). A cough must not be taken for a barge-in.
        public var coughAfterReplyStartsMicros: Int64?
        /// How long that cough lasts.
        public var coughMicros: Int64

        public init(_ text: String, start: Start, coughAfterReplyStartsMicros: Int64? = nil,
                    coughMicros: Int64 = SpeechSynth.coughMicros) {
            precondition(coughMicros > 0, "coughMicros \(coughMicros) <= 0")
            self.text = text
            self.start = start
            self.coughAfterReplyStartsMicros = coughAfterReplyStartsMicros
            self.coughMicros = coughMicros
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

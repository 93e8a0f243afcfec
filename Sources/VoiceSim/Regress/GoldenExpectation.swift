/// One behavioural expectation of a golden session, written in its `.expect.yaml` as a
/// sentence ("exactly 1 interruption", "turn 2 answered within 2 s") and checked against what
/// the session shows. The sentence is the expectation's name in every report.
///
/// Two kinds: *guards* state a rule ("no mic audio lost", "… within 2 s") and never change;
/// *pins* record a measurement with a tolerance ("cost $0.012345 ± 1 %") and are re-measured by
/// `voicesim regress --update`, like a snapshot. An intended change then re-pins the numbers
/// while the guards keep guarding what matters.
public enum GoldenExpectation: Equatable, Sendable {
    /// Every time the VAD (the lane's own configuration, run on the recorded mic energies)
    /// confirms speech while a reply is audible, playback of that reply stops within this long;
    /// and no barge-in stops playback without such an onset.
    case playbackStopsAfterOnset(withinMicros: Int64)
    /// From the moment a user starts an utterance over an audible reply (the simulated user's
    /// own speech start, a `turn_start` mark) to the stop of that reply; the longest such wait.
    case bargeInStop(Bound)
    /// Replies the client interrupted (distinct response ids in `interrupt` messages).
    case interruptions(Count)
    /// Every assistant line sent to the LLM in a later request is a prefix of a reply's text no
    /// longer than the text whose audio had started playing when playback ended.
    case historyHoldsOnlyPlayedText
    /// The server received every mic chunk up to the last one it got, and counted no loss.
    case noMicAudioLost
    /// Mic audio was lost, and the server counted exactly the chunks it never received.
    case lostAudioCounted
    /// Mic audio the server counted as lost.
    case lostAudio(Bound)
    /// Voice to voice of turn `turn` (from 1) of the first caller.
    case turnAnswered(turn: Int, Bound)
    /// Every turn the callers started got an answer they heard.
    case everyTurnAnswered
    /// Turn `turn` (from 1) of the first caller, or every turn when nil, got an answer the caller
    /// heard or, when the server gave the turn up (an LLM that failed `llmAttemptsMax` times), a
    /// `provider_failed` error after the turn ended.
    case answeredOrProviderFailed(turn: Int?)
    /// Times a client showed "Reconnecting…".
    case reconnects(Count)
    /// From "Reconnecting…" to the next `welcome`; the longest such wait.
    case longestReconnect(Bound)
    /// After each resume, the client re-sent the mic chunks the server lacked (from the
    /// server's `lastReceivedSeq` on, unless they had already left the replay buffer).
    case unacknowledgedAudioReplayed
    /// Each STT stream that closed with an error was opened again.
    case sttReopened
    /// Calls the session manager refused (daily cap, throttling).
    case refusals(Count)
    /// `latency_spike` marks.
    case latencySpikes(Count)
    /// `cost_usd` of every session of the call, in micro-dollars.
    case cost(Bound)
    /// No `invariant_failure` mark.
    case noInvariantFailure
}

extension GoldenExpectation {
    /// A measured value's rule: a ceiling (guard) or a pinned value with a tolerance (pin).
    public enum Bound: Equatable, Sendable {
        case atMost(Int64)
        /// `value` within `toleranceBasisPoints` / 10 000 of it (1 % = 100).
        case pinned(Int64, toleranceBasisPoints: Int64)
    }

    /// A counted value's rule.
    public enum Count: Equatable, Sendable {
        case exactly(Int)
        case atLeast(Int)
    }

    /// True for expectations `--update` re-measures.
    public var isPin: Bool {
        switch self {
        case .bargeInStop(let bound), .lostAudio(let bound), .turnAnswered(_, let bound), .longestReconnect(let bound),
            .cost(let bound):
            if case .pinned = bound { true } else { false }
        case .playbackStopsAfterOnset, .interruptions, .historyHoldsOnlyPlayedText, .noMicAudioLost,
            .lostAudioCounted, .everyTurnAnswered, .answeredOrProviderFailed, .reconnects, .unacknowledgedAudioReplayed, .sttReopened,
            .refusals, .latencySpikes, .noInvariantFailure:
            false
        }
    }
}

extension GoldenExpectation.Bound {
    /// Whether `value` satisfies the bound.
    public func admits(_ value: Int64) -> Bool {
        switch self {
        case .atMost(let ceiling):
            return value <= ceiling
        case .pinned(let pinned, let basisPoints):
            let (difference, overflow) = (value - pinned).magnitude.multipliedReportingOverflow(by: 10_000)
            return !overflow && difference <= pinned.magnitude * UInt64(basisPoints)
        }
    }

    /// The same kind of bound around a new measurement (a pin keeps its tolerance).
    func repinned(to value: Int64) -> Self {
        switch self {
        case .atMost: self
        case .pinned(_, let basisPoints): .pinned(value, toleranceBasisPoints: basisPoints)
        }
    }
}

extension GoldenExpectation.Count {
    public func admits(_ value: Int) -> Bool {
        switch self {
        case .exactly(let count): value == count
        case .atLeast(let count): value >= count
        }
    }
}

extension GoldenExpectation {
    /// This expectation with a pin moved to `value` (its tolerance kept); guards unchanged.
    public func repinned(to value: Int64) -> GoldenExpectation {
        switch self {
        case .bargeInStop(let bound): .bargeInStop(bound.repinned(to: value))
        case .lostAudio(let bound): .lostAudio(bound.repinned(to: value))
        case .turnAnswered(let turn, let bound): .turnAnswered(turn: turn, bound.repinned(to: value))
        case .longestReconnect(let bound): .longestReconnect(bound.repinned(to: value))
        case .cost(let bound): .cost(bound.repinned(to: value))
        case .playbackStopsAfterOnset, .interruptions, .historyHoldsOnlyPlayedText, .noMicAudioLost,
            .lostAudioCounted, .everyTurnAnswered, .answeredOrProviderFailed, .reconnects, .unacknowledgedAudioReplayed, .sttReopened,
            .refusals, .latencySpikes, .noInvariantFailure:
            self
        }
    }
}

/// The `/api/voice-v2` edge function for one user's call, as a sans-IO state machine.
///
/// It admits the call (through the session manager), streams mic audio to STT,
/// starts the LLM speculatively on a stable partial, streams LLM tokens into TTS
/// and TTS audio to the client, handles barge-in, keeps the session through
/// disconnects for a grace period, and accounts usage. The same machine runs the
/// sequential V1 pipeline when the client asks for it.
///
/// What only a call in progress holds (the reply in flight, replies awaiting the client's
/// report, the grace deadline, the STT stream) lives in `State.active`'s `ActiveCall` and is
/// gone when the call ends. The fields of the struct outlive a call: usage and history are
/// reported after it, the turn and mic numbering carry into the call's next session, and
/// messages held for an absent client wait in the outbox until the next call starts.
public struct ServerSession: Sendable {
    /// Where the session is, as readers outside the machine see it (`state` without its data).
    @usableFromInline package enum Phase: Equatable, Sendable {
        case awaitingHello
        /// `lastAckedSeq`: from the hello, where the new session's mic audio starts.
        case admitting(userID: String, pipeline: Pipeline, lastAckedSeq: UInt64)
        case active
        case ended
    }

    /// Where the session is, with what only that stage holds.
    @usableFromInline package enum State: Sendable {
        case awaitingHello
        /// `lastAckedSeq`: from the hello, where the new session's mic audio starts.
        case admitting(userID: String, pipeline: Pipeline, lastAckedSeq: UInt64)
        case active(ActiveCall)
        case ended
    }

    public let config: ServerConfig
    @usableFromInline package internal(set) var state: State = .awaitingHello
    package internal(set) var clientConnected = false
    package internal(set) var sessionID: UInt64 = 0
    package internal(set) var resumeToken: UInt64 = 0
    package internal(set) var pipeline: Pipeline = .v2
    package internal(set) var usage = SessionUsage(userID: "", sessionID: 0, pipeline: .v2)
    /// Highest mic seq received; nil before the first chunk of the session.
    package internal(set) var highestSeq: UInt64?
    /// V1: first seq of the utterance being recorded.
    package internal(set) var utteranceFirstSeq: UInt64?
    package internal(set) var history: [ConversationTurn] = []
    package internal(set) var turn = TurnTracker()
    package internal(set) var nextResponseID: UInt32 = 1
    package internal(set) var conversationState: ConversationState = .listening
    /// The highest mic seq of a session that ended by grace expiry: the call's next session
    /// in this machine starts from it, so audio neither session received is a counted gap.
    package internal(set) var seqCarriedOver: UInt64?
    package internal(set) var lastSTTSendAt = Instant.zero
    /// Messages waiting for the client to come back.
    package internal(set) var outbox: [ServerMessage] = []
    package internal(set) var counters = ServerCounters()
    package internal(set) var random: PRNG
    package internal(set) var digest = Digest64()
    package internal(set) var actionCount: UInt64 = 0

    public init(config: ServerConfig = ServerConfig(), seed: UInt64) {
        self.config = config
        random = PRNG(seed: seed)
    }
}

/// What the STT has said about the utterance in progress.
package struct TurnTracker: Equatable, Sendable {
    package var partialText = ""
    package var partialChangedAt = Instant.zero
    package var speechEnded = false
    /// When endpointing (V2) or commit (V1) said the user stopped; start of the turn's latency.
    package var speechEndedAt: Instant?

    package init() {}
}

/// A reply in progress: LLM text flowing into TTS, TTS audio flowing to the client.
@usableFromInline package struct Response: Equatable, Sendable {
    @usableFromInline package let id: UInt32
    package let userText: String
    /// Started on a partial; confirmed or restarted when the final arrives.
    package var speculative: Bool
    package var attempts = 1
    /// The last attempt failed and the next waits for the retry backoff (`llmRetry` timer).
    package var waitingToRetry = false
    package var firstTokenReceived = false
    package var llmDone = false
    /// Input tokens of the current attempt's request by the provider's rule (see `ServerConfig`).
    package var estimatedInputTokens: UInt64
    /// Tokens the current attempt streamed so far.
    package var outputTokens: UInt64 = 0
    /// LLM text so far (all of it sent to TTS).
    package var text = ""
    /// Cumulative audio duration → UTF-8 bytes of `text` spoken by then.
    package var alignment = AlignmentTrack()
    package var audioMicros: Int64 = 0
    package var latencyStart: Instant?
}

package struct AlignmentPoint: Equatable, Sendable {
    package let audioEndMicros: Int64
    package let textEnd: UInt32

    package init(audioEndMicros: Int64, textEnd: UInt32) {
        self.audioEndMicros = audioEndMicros
        self.textEnd = textEnd
    }
}

/// A reply whose audio the client was sent, until the client reports how much it played.
package struct SentReply: Equatable, Sendable {
    package let id: UInt32
    package let text: String
    package let alignment: [AlignmentPoint]
    package let sentMicros: Int64
    /// TTS finished it: all of `text` was sent as audio.
    package let completed: Bool
    /// Index of its line in `history` (empty until the report).
    package let historyIndex: Int
}

/// Things worth counting that are not billed.
package struct ServerCounters: Equatable, Sendable {
    package var speculativeStarts: UInt32 = 0
    package var speculativeConfirmed: UInt32 = 0
    package var speculativeRestarts: UInt32 = 0
    package var speculativeAbandoned: UInt32 = 0
    /// LLM attempts started again after a failure (each after the retry backoff).
    package var llmRetries: UInt32 = 0
    package var llmFailures: UInt32 = 0
    package var sttReopens: UInt32 = 0
    package var outboxDropped: UInt32 = 0
    package var protocolErrors: UInt32 = 0

    package init() {}
}

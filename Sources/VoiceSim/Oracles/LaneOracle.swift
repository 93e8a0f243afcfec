import VoiceCore

/// The oracles of one lane: independent ledgers of what really happened to the user's
/// audio, the assistant's audio, the providers, timers and connections, and the checks
/// that compare the machines' observable behaviour against them.
///
/// The world feeds it every machine input and action, provider event and network fate
/// (`LaneOracle+Client.swift`, `LaneOracle+Server.swift`); it never reads a core counter
/// as truth. Checks that need the whole run run in `finish` (`LaneOracle+Finish.swift`).
struct LaneOracle {
    let lane: Int
    let pipeline: Pipeline
    let client: ClientConfig
    /// Most replies a session keeps waiting for the client's report (`ServerConfig.unconfirmedRepliesMax`).
    let awaitingMax: Int
    var log = OracleLog()
    var mic: MicLedger
    var reply = ReplyLedger()
    var provider = ProviderLedger()
    var clientTimers = TimerLedger(count: ClientTimer.allCases.count)
    var serverTimers = TimerLedger(count: ServerTimer.allCases.count)

    /// The client was told its transport is open (`connected`) and not yet that it closed.
    var transportOpen = false
    /// The current connection already brought a welcome.
    var welcomedOnConnection = false
    /// The client asked for a connection that has not ended yet (connecting, handshaking or open).
    var attemptInFlight = false
    /// Connection losses since the last welcome: the attempt number of the next reconnect.
    var lossesSinceWelcome = 0
    var lastLoss: (at: Instant, step: UInt64)?
    /// The client's latest input was the end of its connection (a give-up follows one).
    var lastInputWasDisconnect = false
    /// The last LLM attempt that failed or was cancelled, for the retry bounds.
    var lastLLMEnd: (requestID: UInt32, at: Instant, step: UInt64)?
    /// When the client showed `failed` or `ended`: the call is over for the user.
    var clientGoneAt: Instant?

    /// The state the client shows, and since when it has shown "speaking" with nothing playing.
    var shown: ClientState = .idle
    var speakingSilentSince: Instant?

    /// Per session, in order: the usage it reported and its assistant lines when it ended.
    var sessions: [SessionRecord] = []

    /// `expectedMicChunks`: the most 100 ms chunks the call can capture (room is taken for them
    /// when the first arrives).
    init(lane: Int, pipeline: Pipeline, client: ClientConfig, awaitingMax: Int, expectedMicChunks: Int) {
        self.lane = lane
        mic = MicLedger(expectedChunks: expectedMicChunks)
        self.pipeline = pipeline
        self.client = client
        self.awaitingMax = awaitingMax
    }

    struct SessionRecord {
        var usage: SessionUsage?
        /// Non-empty assistant lines of the session's history when it ended.
        var assistantLines: [String]?
        /// The session ended (its usage is final); false for the one still active at the end of the run.
        var ended = false
    }

    mutating func report(_ kind: OracleKind, _ time: Instant, _ detail: String) {
        log.record(kind, lane: lane, at: time, detail)
    }

    /// How long the user may already be speaking when reply audio starts: the VAD's minimum
    /// speech (10 frames, 200 ms), the unvoiced frames it tolerates inside an onset (4, 80 ms:
    /// a word's attack, a short pause), and one mic chunk (100 ms: the client sees audio only
    /// when a chunk completes). 380 ms with the default VAD.
    var talkOverBoundMicros: Int64 {
        Int64(client.vad.speechFramesMin + client.vad.gapFramesMax) * AudioFormat.frameMicros
            + AudioFormat.micChunkMicros
    }

    /// Longest the client may show "speaking" with no reply audio playing.
    static let speakingSilentMicrosMax: Int64 = 1_000_000
    /// Latest an LLM retry may come after the failure it retries (the client policy's cap).
    static let llmRetryDelayMicrosMax: Int64 = BackoffPolicy().capMicros
}

/// The assistant lines of `history`, without lines emptied by a barge-in.
func assistantLines(_ history: [ConversationTurn]) -> [String] {
    history.filter { $0.role == .assistant && !$0.text.isEmpty }.map(\.text)
}

/// What one session consumed and how it went: the seed's `voice_sessions` row.
public struct SessionUsage: Equatable, Sendable {
    public var userID: String
    public var sessionID: UInt64
    public var pipeline: Pipeline
    public var sttMicros: Int64 = 0
    public var llmInputTokens: UInt64 = 0
    public var llmOutputTokens: UInt64 = 0
    public var ttsCharacters: UInt64 = 0
    public var sttModel: String
    public var llmModel: String
    public var ttsModel: String
    public var turns: UInt32 = 0
    public var interruptions: UInt32 = 0
    /// Server-side latency per turn: end of speech (endpointing or commit) → first response audio sent.
    public var turnLatencyMicros: [Int64] = []
    /// Mic audio the server never received (sequence gaps), in microseconds.
    public var lostAudioMicros: Int64 = 0
    public var duplicateChunks: UInt32 = 0
    public var resumes: UInt32 = 0
    /// Reply audio sent to the client that it never played, other than what a barge-in
    /// stopped: lost in flight, cancelled by the server before it played, or never reported.
    public var replyAudioDroppedMicros: Int64 = 0

    public init(userID: String, sessionID: UInt64, pipeline: Pipeline, models: ProviderModels = .default) {
        self.userID = userID
        self.sessionID = sessionID
        self.pipeline = pipeline
        sttModel = models.stt
        llmModel = models.llm
        ttsModel = models.tts
    }
}

/// Provider model names recorded with each session.
public struct ProviderModels: Equatable, Sendable {
    public var stt: String
    public var llm: String
    public var tts: String

    public init(stt: String, llm: String, tts: String) {
        self.stt = stt
        self.llm = llm
        self.tts = tts
    }

    public static let `default` = ProviderModels(stt: "deepgram-nova-2", llm: "claude-3.5-sonnet", tts: "playht-2.0")
}

extension SessionUsage {
    /// Mean of `turnLatencyMicros`, or nil before the first turn.
    public var averageLatencyMicros: Int64? {
        turnLatencyMicros.isEmpty ? nil : turnLatencyMicros.reduce(0, +) / Int64(turnLatencyMicros.count)
    }

    public func costMicroUSD(_ rates: CostRates = .seed) -> Int64 { rates.costMicroUSD(self) }
}

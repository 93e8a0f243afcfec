/// Everything tunable about the session server. Defaults follow the seed.
public struct ServerConfig: Equatable, Sendable {
    /// How long a session survives its client's disconnect, waiting for a resume.
    public var resumeGraceMicros: Int64
    /// How long a partial must hold unchanged, after endpointing, to start the LLM early (the seed's ~500 ms).
    public var speculativeHoldMicros: Int64
    /// Idle STT streams get a keepalive this often (providers close silent streams after ~10 s).
    public var sttKeepaliveIntervalMicros: Int64
    public var llmFirstTokenTimeoutMicros: Int64
    /// Attempts per response before the user is told the LLM failed.
    public var llmAttemptsMax: Int
    /// Messages held for a disconnected client; past this the oldest are dropped and counted.
    public var outboxMessagesMax: Int
    /// Conversation lines sent to the LLM with each request.
    public var historyTurnsMax: Int
    public var models: ProviderModels
    /// Bugs planted for mutation testing; never encoded, empty outside tests and `fuzz --planted`.
    package var plantedBugs = PlantedBugs()

    public init(resumeGraceMicros: Int64 = 30_000_000, speculativeHoldMicros: Int64 = 500_000,
                sttKeepaliveIntervalMicros: Int64 = 5_000_000, llmFirstTokenTimeoutMicros: Int64 = 8_000_000,
                llmAttemptsMax: Int = 3, outboxMessagesMax: Int = 1_000, historyTurnsMax: Int = 20,
                models: ProviderModels = .default) {
        self.resumeGraceMicros = resumeGraceMicros
        self.speculativeHoldMicros = speculativeHoldMicros
        self.sttKeepaliveIntervalMicros = sttKeepaliveIntervalMicros
        self.llmFirstTokenTimeoutMicros = llmFirstTokenTimeoutMicros
        self.llmAttemptsMax = llmAttemptsMax
        self.outboxMessagesMax = outboxMessagesMax
        self.historyTurnsMax = historyTurnsMax
        self.models = models
    }
}

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
    /// Retry n (from 1) of a failed LLM attempt waits a uniform time in `[c/2, c]`, where
    /// `c = min(llmRetryDelayMicrosMax, llmRetryDelayMicrosBase · 2ⁿ⁻¹)`: never back to back.
    public var llmRetryDelayMicrosBase: Int64
    public var llmRetryDelayMicrosMax: Int64
    /// Tokens the LLM provider adds to every request (its system prompt). The input of an
    /// attempt that never reports usage (cancelled, or failed mid-stream) is estimated by the
    /// provider's own rule: this plus one token per four UTF-8 bytes of the request's lines.
    public var llmSystemPromptTokens: UInt32
    /// Messages held for a disconnected client; past this the oldest are dropped and counted.
    public var outboxMessagesMax: Int
    /// Conversation lines sent to the LLM with each request.
    public var historyTurnsMax: Int
    /// Replies kept waiting for the client's played report; past this the oldest counts as dropped.
    public var unconfirmedRepliesMax: Int
    public var models: ProviderModels
    /// Bugs planted for mutation testing; never encoded, empty outside tests and `fuzz --planted`.
    package var plantedBugs = PlantedBugs()

    public init(resumeGraceMicros: Int64 = 30_000_000, speculativeHoldMicros: Int64 = 500_000,
                sttKeepaliveIntervalMicros: Int64 = 5_000_000, llmFirstTokenTimeoutMicros: Int64 = 8_000_000,
                llmAttemptsMax: Int = 3, llmRetryDelayMicrosBase: Int64 = 250_000,
                llmRetryDelayMicrosMax: Int64 = 2_000_000, llmSystemPromptTokens: UInt32 = 400,
                outboxMessagesMax: Int = 1_000, historyTurnsMax: Int = 20, unconfirmedRepliesMax: Int = 8,
                models: ProviderModels = .default) {
        precondition(llmRetryDelayMicrosBase > 0 && llmRetryDelayMicrosMax >= llmRetryDelayMicrosBase,
                     "LLM retry delay \(llmRetryDelayMicrosBase)…\(llmRetryDelayMicrosMax)")
        self.resumeGraceMicros = resumeGraceMicros
        self.speculativeHoldMicros = speculativeHoldMicros
        self.sttKeepaliveIntervalMicros = sttKeepaliveIntervalMicros
        self.llmFirstTokenTimeoutMicros = llmFirstTokenTimeoutMicros
        self.llmAttemptsMax = llmAttemptsMax
        self.llmRetryDelayMicrosBase = llmRetryDelayMicrosBase
        self.llmRetryDelayMicrosMax = llmRetryDelayMicrosMax
        self.llmSystemPromptTokens = llmSystemPromptTokens
        self.outboxMessagesMax = outboxMessagesMax
        self.historyTurnsMax = historyTurnsMax
        self.unconfirmedRepliesMax = unconfirmedRepliesMax
        self.models = models
    }
}

extension ServerConfig {
    /// The ceiling of the delay before LLM retry `retry` (from 1).
    package func llmRetryCeilingMicros(retry: Int) -> Int64 {
        precondition(retry >= 1, "retry \(retry)")
        var ceiling = llmRetryDelayMicrosBase
        for _ in 1..<retry {
            guard ceiling < llmRetryDelayMicrosMax / 2 else { return llmRetryDelayMicrosMax }
            ceiling *= 2
        }
        return min(ceiling, llmRetryDelayMicrosMax)
    }
}

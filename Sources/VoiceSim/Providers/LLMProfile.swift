import VoiceCore

/// Calibration of the simulated LLM (Claude-like).
///
/// Defaults follow the seed: streaming time to first token 0.55 s ± 0.15 s (always
/// under 1 s unless a tail is configured), 40–60 tokens a second; V1 (HTTP, whole reply
/// at once) 3.3 s on average.
public struct LLMProfile: Equatable, Sendable {
    /// V2: from `.start` to the first token.
    public var timeToFirstToken: LatencyDistribution
    /// Token rate, drawn per request in this range (a token is about one word).
    public var tokensPerSecondMin: Int64
    public var tokensPerSecondMax: Int64
    /// Reply length in words, drawn per reply.
    public var replyWordsMin: Int
    public var replyWordsMax: Int
    /// V1: from `.start(stream: false)` to the whole reply.
    public var restLatency: LatencyDistribution
    /// Chance a request fails with a 5xx.
    public var serverErrorRate: Ratio
    /// From a request to its `.failed`.
    public var failureLatency: LatencyDistribution
    /// Chance a request streams slowly: its token rate is divided by `slowTokenFactor`.
    public var slowTokensRate: Ratio
    public var slowTokenFactor: Int64
    /// Prompt tokens added to every request's input (the system prompt).
    public var systemPromptTokens: UInt32

    public init(
        timeToFirstToken: LatencyDistribution = LatencyDistribution(meanMicros: 550_000, jitterMicros: 150_000),
        tokensPerSecondMin: Int64 = 40,
        tokensPerSecondMax: Int64 = 60,
        replyWordsMin: Int = 15,
        replyWordsMax: Int = 45,
        restLatency: LatencyDistribution = .around(3_300_000),
        serverErrorRate: Ratio = .zero,
        failureLatency: LatencyDistribution = .around(300_000, percent: 20),
        slowTokensRate: Ratio = .zero,
        slowTokenFactor: Int64 = 4,
        systemPromptTokens: UInt32 = 400
    ) {
        precondition(
            tokensPerSecondMin > 0 && tokensPerSecondMin <= tokensPerSecondMax,
            "tokens per second \(tokensPerSecondMin)…\(tokensPerSecondMax)")
        precondition(
            replyWordsMin > 0 && replyWordsMin <= replyWordsMax, "reply words \(replyWordsMin)…\(replyWordsMax)")
        precondition(slowTokenFactor >= 1, "slowTokenFactor \(slowTokenFactor) < 1")
        self.timeToFirstToken = timeToFirstToken
        self.tokensPerSecondMin = tokensPerSecondMin
        self.tokensPerSecondMax = tokensPerSecondMax
        self.replyWordsMin = replyWordsMin
        self.replyWordsMax = replyWordsMax
        self.restLatency = restLatency
        self.serverErrorRate = serverErrorRate
        self.failureLatency = failureLatency
        self.slowTokensRate = slowTokensRate
        self.slowTokenFactor = slowTokenFactor
        self.systemPromptTokens = systemPromptTokens
    }
}

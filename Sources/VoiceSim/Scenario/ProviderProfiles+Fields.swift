import VoiceCore

// Each provider profile's fields in scenario files, declared once for the decoder and the
// YAML writer. Cross-field checks (a minimum below its maximum) stay in the decoder.

extension STTProfile {
    static var scenarioFields: [ProfileField<STTProfile>] {
        [
            .latency("openLatency", \.openLatency),
            .latency("partialLatency", \.partialLatency),
            .millis("partialIntervalMs", \.partialIntervalMicros),
            .millis("endpointingMs", \.endpointingMicros),
            .latency("finalDelay", \.finalDelay),
            .ppm("wordErrorPpm", \.wordErrorRate),
            .ppm("finalCorrectionPpm", \.finalCorrectionRate),
            .latency("restLatency", \.restLatency),
            .latency("failureLatency", \.failureLatency),
            .millis("idleTimeoutMs", \.idleTimeoutMicros, positive: true),
        ]
    }
}

extension LLMProfile {
    static var scenarioFields: [ProfileField<LLMProfile>] {
        [
            .latency("timeToFirstToken", \.timeToFirstToken),
            .integer("tokensPerSecondMin", \.tokensPerSecondMin, 1...10_000, writtenWith: \.tokensPerSecondMax),
            .integer("tokensPerSecondMax", \.tokensPerSecondMax, 1...10_000, writtenWith: \.tokensPerSecondMin),
            .integer("replyWordsMin", \.replyWordsMin, 1...2_000, writtenWith: \.replyWordsMax),
            .integer("replyWordsMax", \.replyWordsMax, 1...2_000, writtenWith: \.replyWordsMin),
            .latency("restLatency", \.restLatency),
            .ppm("serverErrorPpm", \.serverErrorRate),
            .latency("failureLatency", \.failureLatency),
            .ppm("slowTokensPpm", \.slowTokensRate),
            .integer("slowTokenFactor", \.slowTokenFactor, 1...1_000),
            .integer("systemPromptTokens", \.systemPromptTokens, 0...1_000_000),
        ]
    }
}

extension TTSProfile {
    static var scenarioFields: [ProfileField<TTSProfile>] {
        [
            .latency("firstAudio", \.firstAudio),
            .integer("charactersPerSecond", \.charactersPerSecond, 1...1_000),
            .millis("synthesisMsPerAudioSecond", \.synthesisMicrosPerAudioSecond),
            .latency("restLatency", \.restLatency),
            .latency("failureLatency", \.failureLatency),
            .integer("chunkMs", \.chunkMicros, 20...10_000, unit: "milliseconds", scale: 1_000),
            .integer("pitchHz", \.voice.pitchHz, 50...1_000, unit: "Hz"),
        ]
    }
}

import VoiceCore

/// Provider profiles in scenario files: every field optional, defaults from the
/// profile types (calibrated to the seed).
extension Scenario {
    static func decodeProviders(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> ProviderProfiles {
        var fields = try ScenarioFields(node, path: path)
        let stt = try fields.optional("stt", decodeSTT) ?? STTProfile()
        let llm = try fields.optional("llm", decodeLLM) ?? LLMProfile()
        let tts = try fields.optional("tts", decodeTTS) ?? TTSProfile()
        try fields.finish()
        return ProviderProfiles(stt: stt, llm: llm, tts: tts)
    }

    /// `{meanMs, jitterMs, tailPpm, tailMaxMs}`; only `meanMs` is required.
    static func decodeLatency(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> LatencyDistribution {
        var fields = try ScenarioFields(node, path: path)
        let mean = try fields.required("meanMs", ScenarioFields.durationMicros)
        let jitter = try fields.optional("jitterMs", ScenarioFields.durationMicros) ?? 0
        let tail = try fields.optional("tailPpm", ScenarioFields.ppm) ?? .zero
        let tailMax = try fields.optional("tailMaxMs", ScenarioFields.durationMicros) ?? 0
        try fields.finish()
        if jitter > mean {
            throw ScenarioError(
                path: fields.path(of: "jitterMs"), reason: "must not exceed meanMs (\(mean / 1_000))",
                line: node.line)
        }
        return LatencyDistribution(meanMicros: mean, jitterMicros: jitter, tailRatio: tail, tailMaxMicros: tailMax)
    }

    static func decodeSTT(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> STTProfile {
        var fields = try ScenarioFields(node, path: path)
        var stt = STTProfile()
        if let value = try fields.optional("openLatency", decodeLatency) { stt.openLatency = value }
        if let value = try fields.optional("partialLatency", decodeLatency) { stt.partialLatency = value }
        if let value = try fields.optional("partialIntervalMs", ScenarioFields.durationMicros) {
            stt.partialIntervalMicros = value
        }
        if let value = try fields.optional("endpointingMs", ScenarioFields.durationMicros) {
            stt.endpointingMicros = value
        }
        if let value = try fields.optional("finalDelay", decodeLatency) { stt.finalDelay = value }
        if let value = try fields.optional("wordErrorPpm", ScenarioFields.ppm) { stt.wordErrorRate = value }
        if let value = try fields.optional("finalCorrectionPpm", ScenarioFields.ppm) { stt.finalCorrectionRate = value }
        if let value = try fields.optional("restLatency", decodeLatency) { stt.restLatency = value }
        if let value = try fields.optional("failureLatency", decodeLatency) { stt.failureLatency = value }
        if let value = try fields.optional("idleTimeoutMs", ScenarioFields.positiveDurationMicros) {
            stt.idleTimeoutMicros = value
        }
        try fields.finish()
        return stt
    }

    static func decodeLLM(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> LLMProfile {
        var fields = try ScenarioFields(node, path: path)
        var llm = LLMProfile()
        if let value = try fields.optional("timeToFirstToken", decodeLatency) { llm.timeToFirstToken = value }
        let rate = { (node: ScenarioNode, path: String) throws(ScenarioError) -> Int64 in
            try ScenarioFields.integer(node, path, min: 1, max: 10_000, expected: "an integer from 1 to 10000")
        }
        if let value = try fields.optional("tokensPerSecondMin", rate) { llm.tokensPerSecondMin = value }
        if let value = try fields.optional("tokensPerSecondMax", rate) { llm.tokensPerSecondMax = value }
        if llm.tokensPerSecondMax < llm.tokensPerSecondMin {
            throw ScenarioError(
                path: fields.path(of: fields.has("tokensPerSecondMax") ? "tokensPerSecondMax" : "tokensPerSecondMin"),
                reason: "tokensPerSecondMax (\(llm.tokensPerSecondMax)) is below tokensPerSecondMin "
                    + "(\(llm.tokensPerSecondMin))",
                line: node.line)
        }
        let words = { (node: ScenarioNode, path: String) throws(ScenarioError) -> Int in
            Int(try ScenarioFields.integer(node, path, min: 1, max: 2_000, expected: "an integer from 1 to 2000"))
        }
        if let value = try fields.optional("replyWordsMin", words) { llm.replyWordsMin = value }
        if let value = try fields.optional("replyWordsMax", words) { llm.replyWordsMax = value }
        if llm.replyWordsMax < llm.replyWordsMin {
            throw ScenarioError(
                path: fields.path(of: fields.has("replyWordsMax") ? "replyWordsMax" : "replyWordsMin"),
                reason: "replyWordsMax (\(llm.replyWordsMax)) is below replyWordsMin (\(llm.replyWordsMin))",
                line: node.line)
        }
        if let value = try fields.optional("restLatency", decodeLatency) { llm.restLatency = value }
        if let value = try fields.optional("serverErrorPpm", ScenarioFields.ppm) { llm.serverErrorRate = value }
        if let value = try fields.optional("failureLatency", decodeLatency) { llm.failureLatency = value }
        if let value = try fields.optional("slowTokensPpm", ScenarioFields.ppm) { llm.slowTokensRate = value }
        if let value = try fields.optional(
            "slowTokenFactor",
            { (node, path) throws(ScenarioError) in
                try ScenarioFields.integer(node, path, min: 1, max: 1_000, expected: "an integer from 1 to 1000")
            })
        {
            llm.slowTokenFactor = value
        }
        if let value = try fields.optional(
            "systemPromptTokens",
            { (node, path) throws(ScenarioError) in
                UInt32(
                    try ScenarioFields.integer(
                        node, path, min: 0, max: 1_000_000, expected: "an integer from 0 to 1000000"))
            })
        {
            llm.systemPromptTokens = value
        }
        try fields.finish()
        return llm
    }

    static func decodeTTS(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> TTSProfile {
        var fields = try ScenarioFields(node, path: path)
        var tts = TTSProfile()
        if let value = try fields.optional("firstAudio", decodeLatency) { tts.firstAudio = value }
        if let value = try fields.optional(
            "charactersPerSecond",
            { (node, path) throws(ScenarioError) in
                try ScenarioFields.integer(node, path, min: 1, max: 1_000, expected: "an integer from 1 to 1000")
            })
        {
            tts.charactersPerSecond = value
        }
        if let value = try fields.optional("synthesisMsPerAudioSecond", ScenarioFields.durationMicros) {
            tts.synthesisMicrosPerAudioSecond = value
        }
        if let value = try fields.optional("restLatency", decodeLatency) { tts.restLatency = value }
        if let value = try fields.optional("failureLatency", decodeLatency) { tts.failureLatency = value }
        if let value = try fields.optional(
            "chunkMs",
            { (node, path) throws(ScenarioError) in
                try ScenarioFields.integer(
                    node, path, min: 20, max: 10_000, expected: "an integer from 20 to 10000 (milliseconds)")
                    * 1_000
            })
        {
            tts.chunkMicros = value
        }
        if let value = try fields.optional("pitchHz", decodePitch) { tts.voice.pitchHz = value }
        try fields.finish()
        return tts
    }
}

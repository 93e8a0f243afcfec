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
        var latency = LatencyDistribution.scenarioDefaults
        try fields.read(LatencyDistribution.scenarioFields, into: &latency)
        try fields.finish()
        if latency.jitterMicros > latency.meanMicros {
            throw ScenarioError(
                path: fields.path(of: "jitterMs"), reason: "must not exceed meanMs (\(latency.meanMicros / 1_000))",
                line: node.line)
        }
        return latency
    }

    static func decodeSTT(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> STTProfile {
        var fields = try ScenarioFields(node, path: path)
        var stt = STTProfile()
        try fields.read(STTProfile.scenarioFields, into: &stt)
        try fields.finish()
        return stt
    }

    static func decodeLLM(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> LLMProfile {
        var fields = try ScenarioFields(node, path: path)
        var llm = LLMProfile()
        try fields.read(LLMProfile.scenarioFields, into: &llm)
        try fields.finish()
        if llm.tokensPerSecondMax < llm.tokensPerSecondMin {
            throw ScenarioError(
                path: fields.path(of: fields.has("tokensPerSecondMax") ? "tokensPerSecondMax" : "tokensPerSecondMin"),
                reason: "tokensPerSecondMax (\(llm.tokensPerSecondMax)) is below tokensPerSecondMin "
                    + "(\(llm.tokensPerSecondMin))",
                line: node.line)
        }
        if llm.replyWordsMax < llm.replyWordsMin {
            throw ScenarioError(
                path: fields.path(of: fields.has("replyWordsMax") ? "replyWordsMax" : "replyWordsMin"),
                reason: "replyWordsMax (\(llm.replyWordsMax)) is below replyWordsMin (\(llm.replyWordsMin))",
                line: node.line)
        }
        return llm
    }

    static func decodeTTS(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> TTSProfile {
        var fields = try ScenarioFields(node, path: path)
        var tts = TTSProfile()
        try fields.read(TTSProfile.scenarioFields, into: &tts)
        try fields.finish()
        return tts
    }
}

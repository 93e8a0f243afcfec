import VoiceCore

/// Writing a scenario back as a scenario file (for `extract`, shrunk fault schedules
/// and "print this built-in as a starting point").
///
/// `Scenario.parse(scenario.yaml)` gives the scenario back exactly when every duration
/// is a whole number of milliseconds and every probability is in parts per million, as
/// in anything parsed from a file (durations are written rounded down to milliseconds,
/// probabilities rounded down to ppm). Profiles are written only where they differ from
/// the defaults, so the file stays short.
extension Scenario {
    public var yaml: String {
        var lines: [String] = []
        lines.append("name: \(YAMLText.quoted(name))")
        if !description.isEmpty { lines.append("description: \(YAMLText.quoted(description))") }
        lines.append("seed: \"0x\(String(seed, radix: 16))\"")
        lines.append("durationMs: \(YAMLText.millis(durationMicros))")
        lines.append("pipeline: \(pipeline)")
        if server != ServerProfile() {
            lines.append(
                "server: {coldStartMs: \(YAMLText.millis(server.coldStartMicros)), "
                    + "resumeGraceMs: \(YAMLText.millis(server.resumeGraceMicros))"
                    + (server.dailyCallsMax == ServerProfile().dailyCallsMax ? "" : ", dailyCallsMax: \(server.dailyCallsMax)")
                    + "}")
        }
        if network != NetworkProfile() {
            lines.append("network:")
            lines.append("  up: \(YAMLText.link(network.up))")
            lines.append("  down: \(YAMLText.link(network.down))")
        }
        let providerLines = YAMLText.providers(providers)
        if !providerLines.isEmpty {
            lines.append("providers:")
            lines.append(contentsOf: providerLines.map { "  " + $0 })
        }
        lines.append("users:")
        for user in users { lines.append(contentsOf: YAMLText.user(user)) }
        if !faults.isEmpty || !triggeredFaults.isEmpty {
            lines.append("faults:")
            for fault in faults.faults { lines.append("  - \(YAMLText.fault(fault))") }
            for triggered in triggeredFaults {
                lines.append("  - \(YAMLText.fault(triggered.fault, trigger: triggered.trigger))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Pieces of the scenario YAML writer.
enum YAMLText {
    static func millis(_ micros: Int64) -> String { String(micros / 1_000) }

    static func ppm(_ ratio: Ratio) -> String {
        String(ratio.numerator.multipliedFullWidth(by: 1_000_000).low / ratio.denominator)
    }

    /// A double-quoted YAML string: JSON's escapes, which YAML accepts.
    static func quoted(_ text: String) -> String {
        var out = ""
        JSONValue.escape(text, into: &out)
        return out
    }

    static func flow(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// Every field but a loss of exactly `Ratio.zero` (the default, which `lossPpm: 0` would read
    /// back as 0/1000000, a different value).
    static func link(_ link: LinkProfile) -> String {
        var pairs = [
            ("baseLatencyMs", millis(link.baseLatencyMicros)), ("jitter", jitter(link.jitter)),
            ("bandwidthBytesPerSecond", String(link.bandwidthBytesPerSecond)),
        ]
        if link.loss != .zero { pairs.append(("lossPpm", ppm(link.loss))) }
        pairs.append(("retransmitMs", millis(link.retransmitMicros)))
        return flow(pairs)
    }

    static func jitter(_ jitter: Jitter) -> String {
        switch jitter {
        case .none: "none"
        case .uniform(let maxMicros): flow([("kind", "uniform"), ("maxMs", millis(maxMicros))])
        case .longTail(let meanMicros, let tailRatio, let tailMaxMicros):
            flow([
                ("kind", "longTail"), ("meanMs", millis(meanMicros)), ("tailPpm", ppm(tailRatio)),
                ("tailMaxMs", millis(tailMaxMicros)),
            ])
        }
    }

    static func latency(_ latency: LatencyDistribution) -> String {
        flow([
            ("meanMs", millis(latency.meanMicros)), ("jitterMs", millis(latency.jitterMicros)),
            ("tailPpm", ppm(latency.tailRatio)), ("tailMaxMs", millis(latency.tailMaxMicros)),
        ])
    }

    /// `key: value` for each field that differs from its default, per provider.
    static func providers(_ providers: ProviderProfiles) -> [String] {
        var lines: [String] = []
        let stt = providers.stt
        let sttDefault = STTProfile()
        var sttPairs: [(String, String)] = []
        if stt.openLatency != sttDefault.openLatency { sttPairs.append(("openLatency", latency(stt.openLatency))) }
        if stt.partialLatency != sttDefault.partialLatency {
            sttPairs.append(("partialLatency", latency(stt.partialLatency)))
        }
        if stt.partialIntervalMicros != sttDefault.partialIntervalMicros {
            sttPairs.append(("partialIntervalMs", millis(stt.partialIntervalMicros)))
        }
        if stt.endpointingMicros != sttDefault.endpointingMicros {
            sttPairs.append(("endpointingMs", millis(stt.endpointingMicros)))
        }
        if stt.finalDelay != sttDefault.finalDelay { sttPairs.append(("finalDelay", latency(stt.finalDelay))) }
        if stt.wordErrorRate != sttDefault.wordErrorRate { sttPairs.append(("wordErrorPpm", ppm(stt.wordErrorRate))) }
        if stt.finalCorrectionRate != sttDefault.finalCorrectionRate {
            sttPairs.append(("finalCorrectionPpm", ppm(stt.finalCorrectionRate)))
        }
        if stt.restLatency != sttDefault.restLatency { sttPairs.append(("restLatency", latency(stt.restLatency))) }
        if stt.failureLatency != sttDefault.failureLatency {
            sttPairs.append(("failureLatency", latency(stt.failureLatency)))
        }
        if stt.idleTimeoutMicros != sttDefault.idleTimeoutMicros {
            sttPairs.append(("idleTimeoutMs", millis(stt.idleTimeoutMicros)))
        }
        if !sttPairs.isEmpty { lines.append("stt: \(flow(sttPairs))") }

        let llm = providers.llm
        let llmDefault = LLMProfile()
        var llmPairs: [(String, String)] = []
        if llm.timeToFirstToken != llmDefault.timeToFirstToken {
            llmPairs.append(("timeToFirstToken", latency(llm.timeToFirstToken)))
        }
        if llm.tokensPerSecondMin != llmDefault.tokensPerSecondMin
            || llm.tokensPerSecondMax != llmDefault.tokensPerSecondMax
        {
            llmPairs.append(("tokensPerSecondMin", String(llm.tokensPerSecondMin)))
            llmPairs.append(("tokensPerSecondMax", String(llm.tokensPerSecondMax)))
        }
        if llm.replyWordsMin != llmDefault.replyWordsMin || llm.replyWordsMax != llmDefault.replyWordsMax {
            llmPairs.append(("replyWordsMin", String(llm.replyWordsMin)))
            llmPairs.append(("replyWordsMax", String(llm.replyWordsMax)))
        }
        if llm.restLatency != llmDefault.restLatency { llmPairs.append(("restLatency", latency(llm.restLatency))) }
        if llm.serverErrorRate != llmDefault.serverErrorRate {
            llmPairs.append(("serverErrorPpm", ppm(llm.serverErrorRate)))
        }
        if llm.failureLatency != llmDefault.failureLatency {
            llmPairs.append(("failureLatency", latency(llm.failureLatency)))
        }
        if llm.slowTokensRate != llmDefault.slowTokensRate {
            llmPairs.append(("slowTokensPpm", ppm(llm.slowTokensRate)))
        }
        if llm.slowTokenFactor != llmDefault.slowTokenFactor {
            llmPairs.append(("slowTokenFactor", String(llm.slowTokenFactor)))
        }
        if llm.systemPromptTokens != llmDefault.systemPromptTokens {
            llmPairs.append(("systemPromptTokens", String(llm.systemPromptTokens)))
        }
        if !llmPairs.isEmpty { lines.append("llm: \(flow(llmPairs))") }

        let tts = providers.tts
        let ttsDefault = TTSProfile()
        var ttsPairs: [(String, String)] = []
        if tts.firstAudio != ttsDefault.firstAudio { ttsPairs.append(("firstAudio", latency(tts.firstAudio))) }
        if tts.charactersPerSecond != ttsDefault.charactersPerSecond {
            ttsPairs.append(("charactersPerSecond", String(tts.charactersPerSecond)))
        }
        if tts.synthesisMicrosPerAudioSecond != ttsDefault.synthesisMicrosPerAudioSecond {
            ttsPairs.append(("synthesisMsPerAudioSecond", millis(tts.synthesisMicrosPerAudioSecond)))
        }
        if tts.restLatency != ttsDefault.restLatency { ttsPairs.append(("restLatency", latency(tts.restLatency))) }
        if tts.failureLatency != ttsDefault.failureLatency {
            ttsPairs.append(("failureLatency", latency(tts.failureLatency)))
        }
        if tts.chunkMicros != ttsDefault.chunkMicros { ttsPairs.append(("chunkMs", millis(tts.chunkMicros))) }
        if tts.voice.pitchHz != ttsDefault.voice.pitchHz { ttsPairs.append(("pitchHz", String(tts.voice.pitchHz))) }
        if !ttsPairs.isEmpty { lines.append("tts: \(flow(ttsPairs))") }
        return lines
    }

    static func user(_ user: UserScript) -> [String] {
        var lines = ["  - id: \(quoted(user.id))"]
        let defaults = UserScript(utterances: [])
        if user.wordsPerMinute != defaults.wordsPerMinute { lines.append("    wordsPerMinute: \(user.wordsPerMinute)") }
        if user.voice.pitchHz != defaults.voice.pitchHz { lines.append("    pitchHz: \(user.voice.pitchHz)") }
        if user.voice.noiseAmplitude != defaults.voice.noiseAmplitude {
            lines.append("    noiseAmplitude: \(user.voice.noiseAmplitude)")
        }
        if user.replyTimeoutMicros != defaults.replyTimeoutMicros {
            lines.append("    replyTimeoutMs: \(millis(user.replyTimeoutMicros))")
        }
        if user.calls != defaults.calls {
            lines.append("    calls: \(user.calls)")
            lines.append("    callEveryMs: \(millis(user.callEveryMicros))")
        }
        if let callMicros = user.callMicros { lines.append("    callMs: \(millis(callMicros))") }
        if user.coughs.allSatisfy({ $0.durationMicros == SpeechSynth.coughMicros }) {
            if !user.coughs.isEmpty {
                lines.append("    coughsAtMs: [\(user.coughs.map { millis($0.at.micros) }.joined(separator: ", "))]")
            }
        } else {
            let coughs = user.coughs.map {
                flow([("atMs", millis($0.at.micros)), ("durationMs", millis($0.durationMicros))])
            }
            lines.append("    coughs: [\(coughs.joined(separator: ", "))]")
        }
        lines.append("    utterances:")
        for utterance in user.utterances {
            var pairs = [("text", quoted(utterance.text))]
            switch utterance.start {
            case .at(let time): pairs.append(("atMs", millis(time.micros)))
            case .afterPrevious(let pauseMicros): pairs.append(("afterPreviousMs", millis(pauseMicros)))
            case .afterReply(let pauseMicros): pairs.append(("afterReplyMs", millis(pauseMicros)))
            case .bargeIn(let afterMicros): pairs.append(("bargeInMs", millis(afterMicros)))
            case .after(let trigger): pairs.append(("at", YAMLText.trigger(trigger)))
            }
            if let cough = utterance.coughAfterReplyStartsMicros {
                pairs.append(("coughAfterReplyStartsMs", millis(cough)))
                if utterance.coughMicros != SpeechSynth.coughMicros { pairs.append(("coughMs", millis(utterance.coughMicros))) }
            }
            lines.append("      - \(flow(pairs))")
        }
        return lines
    }

    /// `{after: firstTTSAudio, offsetMs: 200, occurrence: 2}`, defaults left out.
    static func trigger(_ trigger: EventTrigger) -> String {
        var pairs = [("after", trigger.event.rawValue)]
        if trigger.offsetMicros != 0 { pairs.append(("offsetMs", millis(trigger.offsetMicros))) }
        if trigger.occurrence != 1 { pairs.append(("occurrence", String(trigger.occurrence))) }
        if let userID = trigger.userID { pairs.append(("user", quoted(userID))) }
        return flow(pairs)
    }

    /// A fault at a fixed time, or placed at `trigger` (its window relative, given as `durationMs`).
    static func fault(_ fault: Fault, trigger: EventTrigger? = nil) -> String {
        var pairs = [("kind", fault.kind.name)]
        if !fault.name.isEmpty { pairs.append(("name", quoted(fault.name))) }
        if let trigger {
            pairs.append(("at", self.trigger(trigger)))
            if fault.kind != .connectionReset { pairs.append(("durationMs", millis(fault.durationMicros))) }
        } else {
            pairs.append(("startMs", millis(fault.startMicros)))
            if fault.kind != .connectionReset { pairs.append(("endMs", millis(fault.endMicros))) }
        }
        switch fault.kind {
        case .partition, .connectionReset, .stall, .duplicate, .duplicateDown:
            break
        case .latencySpike(let extraMicros), .lateDelivery(let extraMicros), .lateDeliveryDown(let extraMicros):
            pairs.append(("extraMs", millis(extraMicros)))
        case .reorder(let maxDelayMicros), .reorderDown(let maxDelayMicros):
            pairs.append(("maxDelayMs", millis(maxDelayMicros)))
        case .loss(let ratio):
            pairs.append(("lossPpm", ppm(ratio)))
        case .coldStart(let delayMicros):
            pairs.append(("delayMs", millis(delayMicros)))
        case .providerOutage(let provider):
            pairs.append(("provider", provider.description))
        case .providerSlow(let provider, let extraMicros):
            pairs.append(("provider", provider.description))
            pairs.append(("extraMs", millis(extraMicros)))
        }
        return flow(pairs)
    }
}

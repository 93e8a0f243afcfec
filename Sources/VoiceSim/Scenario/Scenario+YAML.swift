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
            let pairs = YAMLText.pairs(server, defaults: ServerProfile(), ServerProfile.scenarioFields)
            lines.append("server: \(YAMLText.flow(pairs))")
        }
        if network != NetworkProfile() {
            lines.append("network:")
            for (name, value) in YAMLText.pairs(network, defaults: NetworkProfile(), NetworkProfile.scenarioFields) {
                lines.append("  \(name): \(value)")
            }
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

    static func link(_ link: LinkProfile) -> String {
        flow(pairs(link, defaults: .broadband, LinkProfile.scenarioFields))
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
        flow(pairs(latency, defaults: LatencyDistribution.scenarioDefaults, LatencyDistribution.scenarioFields))
    }

    /// `key: value` for each field that differs from its default, per provider.
    static func providers(_ providers: ProviderProfiles) -> [String] {
        let stt = pairs(providers.stt, defaults: STTProfile(), STTProfile.scenarioFields)
        let llm = pairs(providers.llm, defaults: LLMProfile(), LLMProfile.scenarioFields)
        let tts = pairs(providers.tts, defaults: TTSProfile(), TTSProfile.scenarioFields)
        return [("stt", stt), ("llm", llm), ("tts", tts)].filter { !$0.1.isEmpty }.map { "\($0.0): \(flow($0.1))" }
    }

    static func user(_ user: UserScript) -> [String] {
        // The first field (`id`, always written) opens the list item.
        var lines = pairs(user, defaults: UserScript.scenarioDefaults, UserScript.scenarioFields).enumerated().map {
            ($0.offset == 0 ? "  - " : "    ") + "\($0.element.0): \($0.element.1)"
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

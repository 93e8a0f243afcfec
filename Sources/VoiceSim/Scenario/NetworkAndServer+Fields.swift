import VoiceCore

// The network, link, server and latency objects' fields in scenario files, declared once for
// the decoder and the YAML writer. Cross-field checks stay in the decoder.

extension NetworkProfile {
    /// Both directions are written whenever the network is (it differs from the default).
    static var scenarioFields: [ProfileField<NetworkProfile>] {
        [
            .field("up", \.up, read: Scenario.decodeLink, write: YAMLText.link, writtenWhen: ProfileField.always),
            .field("down", \.down, read: Scenario.decodeLink, write: YAMLText.link, writtenWhen: ProfileField.always),
        ]
    }
}

extension LinkProfile {
    /// Defaults: `LinkProfile.broadband`. Every field is written but a loss of exactly `Ratio.zero`
    /// (the default, which `lossPpm: 0` would read back as 0/1000000, a different value).
    static var scenarioFields: [ProfileField<LinkProfile>] {
        [
            .millis("baseLatencyMs", \.baseLatencyMicros, writtenWhen: ProfileField.always),
            .field("jitter", \.jitter, read: Scenario.decodeJitter, write: YAMLText.jitter,
                   writtenWhen: ProfileField.always),
            .field("bandwidthBytesPerSecond", \.bandwidthBytesPerSecond, read: ScenarioFields.bandwidth,
                   write: { String($0) }, writtenWhen: ProfileField.always),
            .ppm("lossPpm", \.loss),
            .millis("retransmitMs", \.retransmitMicros, writtenWhen: ProfileField.always),
        ]
    }
}

extension ServerProfile {
    /// The cold start and the grace are written whenever the server is (it differs from the default).
    static var scenarioFields: [ProfileField<ServerProfile>] {
        [
            .millis("coldStartMs", \.coldStartMicros, writtenWhen: ProfileField.always),
            .millis("resumeGraceMs", \.resumeGraceMicros, writtenWhen: ProfileField.always),
            .field("dailyCallsMax", \.dailyCallsMax,
                   read: { node, path throws(ScenarioError) in Int(clamping: try ScenarioFields.dailyCalls(node, path)) },
                   write: { String($0) }),
        ]
    }
}

extension LatencyDistribution {
    /// `{meanMs, jitterMs, tailPpm, tailMaxMs}`; only `meanMs` is required. The writer leaves out
    /// a tail of exactly `Ratio.zero` (what a file without `tailPpm` reads as), as a link's loss.
    static var scenarioFields: [ProfileField<LatencyDistribution>] {
        [
            .millis("meanMs", \.meanMicros, required: true, writtenWhen: ProfileField.always),
            .millis("jitterMs", \.jitterMicros, writtenWhen: ProfileField.always),
            .ppm("tailPpm", \.tailRatio),
            .millis("tailMaxMs", \.tailMaxMicros, writtenWhen: ProfileField.always),
        ]
    }

    /// What a file's latency object starts from before its fields are read.
    static let scenarioDefaults = LatencyDistribution(meanMicros: 0)
}

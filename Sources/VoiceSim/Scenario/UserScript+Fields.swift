import VoiceCore

// A user's and a cough's fields in scenario files, declared once for the decoder and the YAML
// writer. The utterances (a list of objects, written as a block) and cross-field checks stay in
// the decoder.

extension UserScript {
    /// In writing order; `id` is always written, the rest where they differ from the defaults.
    static var scenarioFields: [ProfileField<UserScript>] {
        [
            .field("id", \.id, read: ScenarioFields.nonEmptyString, write: YAMLText.quoted,
                   writtenWhen: ProfileField.always),
            .integer("wordsPerMinute", \.wordsPerMinute, 40...400),
            .integer("pitchHz", \.voice.pitchHz, 50...1_000, unit: "Hz"),
            .integer("noiseAmplitude", \.voice.noiseAmplitude, 0...32_767),
            .millis("replyTimeoutMs", \.replyTimeoutMicros, positive: true),
            .integer("calls", \.calls, 1...Scenario.callsMax),
            .millis("callEveryMs", \.callEveryMicros, positive: true,
                    writtenWhen: { user, defaults in user.calls != defaults.calls }),
            .field("callMs", \.callMicros,
                   read: { node, path throws(ScenarioError) in try ScenarioFields.positiveDurationMicros(node, path) },
                   write: { $0.map(YAMLText.millis) ?? "" }),
            coughsAt,
            coughs,
        ]
    }

    /// What a file's user starts from before its fields are read (`id` defaults to `user-N`).
    static let scenarioDefaults = UserScript(utterances: [])

    /// `coughsAtMs: [5000, 9000]`: short coughs, only their start times; written when every
    /// cough has the default duration. Read before `coughs`, whose coughs follow these.
    private static var coughsAt: ProfileField<UserScript> {
        ProfileField(
            name: "coughsAtMs", required: false,
            decode: { user, node, path throws(ScenarioError) in
                user.coughs = try ScenarioFields.list(node, path, ScenarioFields.durationMicros).map {
                    Cough(at: Instant(micros: $0))
                }
            },
            encode: { user in "[\(user.coughs.map { YAMLText.millis($0.at.micros) }.joined(separator: ", "))]" },
            isWritten: { user, _ in !user.coughs.isEmpty && user.hasOnlyShortCoughs })
    }

    /// `coughs: [{atMs: 5000, durationMs: 600}]`; written when a cough has another duration.
    private static var coughs: ProfileField<UserScript> {
        ProfileField(
            name: "coughs", required: false,
            decode: { user, node, path throws(ScenarioError) in
                user.coughs += try ScenarioFields.list(node, path, Scenario.decodeCough)
            },
            encode: { user in
                "[" + user.coughs.map {
                    YAMLText.flow(YAMLText.pairs($0, defaults: Cough.scenarioDefaults, Cough.scenarioFields))
                }.joined(separator: ", ") + "]"
            },
            isWritten: { user, _ in !user.hasOnlyShortCoughs })
    }

    private var hasOnlyShortCoughs: Bool { coughs.allSatisfy { $0.durationMicros == SpeechSynth.coughMicros } }
}

extension UserScript.Cough {
    /// `{atMs, durationMs}`, both always written; the duration defaults to a short cough.
    static var scenarioFields: [ProfileField<UserScript.Cough>] {
        [
            .field("atMs", \.at, read: { node, path throws(ScenarioError) in
                Instant(micros: try ScenarioFields.durationMicros(node, path))
            }, write: { YAMLText.millis($0.micros) }, required: true, writtenWhen: ProfileField.always),
            .field("durationMs", \.durationMicros, read: Scenario.decodeCoughDuration, write: YAMLText.millis,
                   writtenWhen: ProfileField.always),
        ]
    }

    /// What a file's cough starts from before its fields are read.
    static let scenarioDefaults = UserScript.Cough(at: .zero)
}

import Foundation
import VoiceCore

/// Reading population specs: the scenario files' YAML/JSON reader and field checker, so a bad
/// spec gets the same kind of error (file, line, field path, what was expected).
extension PopulationSpec {
    /// Parses spec text; `fileName` names it in errors and picks the format.
    public static func parse(_ text: String, fileName: String = "<text>") throws(ScenarioError) -> PopulationSpec {
        do {
            let node: ScenarioNode
            switch Scenario.Format.detect(fileName: fileName, text: text) {
            case .json: node = try ScenarioNode.parseJSON(text)
            case .yaml: node = try ScenarioNode.parseYAML(text)
            }
            return try PopulationSpec(node: node)
        } catch {
            var located = error
            located.file = fileName
            throw located
        }
    }

    /// Reads a spec file.
    public static func load(file path: String) throws(ScenarioError) -> PopulationSpec {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(file: path, path: "", reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, fileName: path)
    }

    /// Most calls or users a spec may ask for: far beyond any run, far below memory trouble.
    static let countMax: Int64 = 10_000_000

    init(node: ScenarioNode) throws(ScenarioError) {
        var fields = try ScenarioFields(node, path: "")
        let name = try fields.required("name", ScenarioFields.nonEmptyString)
        let description = try fields.optional("description", ScenarioFields.string) ?? ""
        let seed = try fields.optional("seed", ScenarioFields.seed) ?? 0x5EED
        let calls = try fields.optional("calls") { node, path throws(ScenarioError) in
            try ScenarioFields.integer(node, path, min: 1, max: Self.countMax, expected: "a positive integer")
        } ?? 1_000
        let users = try fields.optional("users", Self.decodeUsers) ?? Users()
        let call = try fields.optional("call", Self.decodeCall) ?? CallBehaviour()
        let network = try fields.optional("network") { node, path throws(ScenarioError) in
            let classes = try ScenarioFields.list(node, path, Self.decodeNetworkClass)
            if classes.isEmpty { throw ScenarioFields.fail(node, path, expected: "at least one network class") }
            return classes
        } ?? [NetworkClass(name: "broadband", weight: 1)]
        var providers = ProviderProfiles()
        var providerIncidents: [IncidentRate] = []
        if let decoded = try fields.optional("providers", Self.decodeProviders) {
            (providers, providerIncidents) = decoded
        }
        let server = try fields.optional("server", Self.decodeServer) ?? Server()
        let flag = try fields.optional("flag", Self.decodeFlag) ?? FeatureFlag()
        let limits = try fields.optional("limits", Self.decodeLimits) ?? SessionLimits()
        let dailyUsers = try fields.optional("forecast") { node, path throws(ScenarioError) in
            var forecast = try ScenarioFields(node, path: path)
            let users = try forecast.required("dailyUsers") { node, path throws(ScenarioError) in
                try ScenarioFields.integer(node, path, min: 1, max: 1_000_000_000, expected: "an integer from 1 to 1000000000")
            }
            try forecast.finish()
            return users
        }
        let kpis = try fields.optional("kpis", Self.decodeKPIs) ?? RolloutKPIs()
        try fields.finish()
        self.init(name: name, description: description, seed: seed, calls: Int(calls), users: users, call: call,
                  network: network, providers: providers, providerIncidents: providerIncidents, server: server,
                  flag: flag, limits: limits, dailyUsers: dailyUsers, kpis: kpis)
    }

    // MARK: distributions

    /// A distribution of integers in `min...max`: a number, `{min, max}`, or
    /// `{mix: [{weight, value} | {weight, min, max}, …]}`; `unit` names them in errors.
    static func distribution(min lowest: Int64, max highest: Int64, unit: String = "")
        -> (ScenarioNode, String) throws(ScenarioError) -> IntDistribution
    {
        let expected = "an integer from \(lowest) to \(highest)\(unit)"
        func value(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Int64 {
            try ScenarioFields.integer(node, path, min: lowest, max: highest, expected: expected)
        }
        func range(_ fields: inout ScenarioFields, _ node: ScenarioNode) throws(ScenarioError) -> IntDistribution? {
            let low = try fields.optional("min", value)
            let high = try fields.optional("max", value)
            switch (low, high) {
            case (nil, nil): return nil
            case (let low?, let high?):
                guard low <= high else {
                    throw ScenarioError(path: fields.path(of: "max"), reason: "must be at least min (\(low))", line: node.line)
                }
                return low == high ? .fixed(low) : .uniform(min: low, max: high)
            default:
                throw ScenarioError(path: fields.path, reason: "expected both min and max", line: node.line)
            }
        }
        func part(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> IntDistribution.WeightedPart {
            var fields = try ScenarioFields(node, path: path)
            let weight = try fields.required("weight", ScenarioFields.positiveInteger)
            let fixed = try fields.optional("value", value)
            let uniform = try range(&fields, node)
            try fields.finish()
            switch (fixed, uniform) {
            case (let fixed?, nil): return .init(weight: weight, distribution: .fixed(fixed))
            case (nil, let uniform?): return .init(weight: weight, distribution: uniform)
            default: throw ScenarioError(path: path, reason: "expected either value or min and max", line: node.line)
            }
        }
        return { node, path throws(ScenarioError) in
            if case .integer = node.value { return .fixed(try value(node, path)) }
            guard case .object = node.value else {
                throw ScenarioFields.fail(node, path, expected: "\(expected), {min, max} or {mix: [...]}")
            }
            var fields = try ScenarioFields(node, path: path)
            let mix = try fields.optional("mix") { node, path throws(ScenarioError) in
                try ScenarioFields.list(node, path, part)
            }
            let uniform = try range(&fields, node)
            try fields.finish()
            switch (mix, uniform) {
            case (let parts?, nil) where !parts.isEmpty: return .mix(parts)
            case (nil, let uniform?): return uniform
            default: throw ScenarioError(path: path, reason: "expected either min and max or a non-empty mix", line: node.line)
            }
        }
    }

    /// A `…Ms` distribution, returned in microseconds.
    static func millis(min lowest: Int64 = 0, max highest: Int64 = 3_600_000)
        -> (ScenarioNode, String) throws(ScenarioError) -> IntDistribution
    {
        let decode = distribution(min: lowest, max: highest, unit: " (milliseconds)")
        return { node, path throws(ScenarioError) in try decode(node, path).scaled(by: 1_000) }
    }

    // MARK: sections

    static func decodeUsers(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Users {
        var fields = try ScenarioFields(node, path: path)
        var users = Users()
        if let count = try fields.optional("count", { node, path throws(ScenarioError) in
            try ScenarioFields.integer(node, path, min: 1, max: 1_000_000, expected: "an integer from 1 to 1000000")
        }) { users.count = Int(count) }
        if let calls = try fields.optional("callsPerDay", distribution(min: 0, max: 100_000)) { users.callsPerDay = calls }
        if let minutes = try fields.optional("activeMinutes", distribution(min: 1, max: 1_440, unit: " (minutes)")) {
            users.activeMinutes = minutes
        }
        try fields.finish()
        return users
    }

    static func decodeCall(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> CallBehaviour {
        var fields = try ScenarioFields(node, path: path)
        var call = CallBehaviour()
        if let value = try fields.optional("lengthMs", millis(min: 1_000, max: 3_600_000)) { call.lengthMicros = value }
        if let value = try fields.optional("turns", distribution(min: 1, max: 500)) { call.turns = value }
        if let value = try fields.optional("firstSpeechMs", millis(max: 600_000)) { call.firstSpeechMicros = value }
        if let value = try fields.optional("pauseMs", millis(max: 600_000)) { call.pauseMicros = value }
        if let value = try fields.optional("bargeInPpm", ScenarioFields.ppm) { call.bargeIn = value }
        if let value = try fields.optional("bargeInAfterMs", millis(max: 600_000)) { call.bargeInAfterMicros = value }
        if let value = try fields.optional("coughPpm", ScenarioFields.ppm) { call.cough = value }
        if let value = try fields.optional("wordsPerMinute", distribution(min: 40, max: 400)) { call.wordsPerMinute = value }
        if let value = try fields.optional("replyTimeoutMs", ScenarioFields.positiveDurationMicros) {
            call.replyTimeoutMicros = value
        }
        if let value = try fields.optional("answerWindowMs", ScenarioFields.durationMicros) { call.answerWindowMicros = value }
        if let value = try fields.optional("phrases", { node, path throws(ScenarioError) in
            let phrases = try ScenarioFields.list(node, path, ScenarioFields.nonEmptyString)
            if phrases.isEmpty { throw ScenarioFields.fail(node, path, expected: "at least one phrase") }
            return phrases
        }) { call.phrases = value }
        try fields.finish()
        return call
    }

    static let linkNames = ["broadband", "mobile", "ideal"]

    static func decodeNetworkClass(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> NetworkClass {
        var fields = try ScenarioFields(node, path: path)
        let name = try fields.required("class", ScenarioFields.nonEmptyString)
        let weight = try fields.required("weight", ScenarioFields.positiveInteger)
        let profile = try fields.optional("link") { node, path throws(ScenarioError) -> NetworkProfile in
            if case .string = node.value {
                let link = [LinkProfile.broadband, .mobile, .ideal][try ScenarioFields.choice(node, path, linkNames)]
                return NetworkProfile(up: link, down: link)
            }
            return try Scenario.decodeNetwork(node, path)
        } ?? NetworkProfile()
        let incidents = try fields.optional("incidents") { node, path throws(ScenarioError) in
            try ScenarioFields.list(node, path, Self.decodeIncident)
        } ?? []
        try fields.finish()
        return NetworkClass(name: name, weight: weight, profile: profile, incidents: incidents)
    }

    static func decodeIncident(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> IncidentRate {
        var fields = try ScenarioFields(node, path: path)
        let kind = Fault.KindName.allCases[try fields.required("kind") { node, path throws(ScenarioError) in
            try ScenarioFields.choice(node, path, Fault.KindName.allCases.map(\.rawValue))
        }]
        let perMinute = try fields.required("perMinutePpm", ScenarioFields.ppm)
        var provider: Fault.Provider?
        if IncidentRate.needsProvider(kind) { provider = try fields.required("provider", Scenario.decodeProvider) }
        var duration = IntDistribution.fixed(0)
        if kind != .connectionReset { duration = try fields.required("durationMs", millis(min: 1, max: 3_600_000)) }
        var amount: IntDistribution?
        if let field = IncidentRate.amountField(kind) {
            amount = try fields.required(field, field == "lossPpm" ? distribution(min: 0, max: 1_000_000) : millis())
        }
        try fields.finish()
        return IncidentRate(kind: kind, provider: provider, perMinute: perMinute, durationMicros: duration, amount: amount)
    }

    static func decodeProviders(_ node: ScenarioNode, _ path: String) throws(ScenarioError)
        -> (ProviderProfiles, [IncidentRate])
    {
        var fields = try ScenarioFields(node, path: path)
        let stt = try fields.optional("stt", Scenario.decodeSTT) ?? STTProfile()
        let llm = try fields.optional("llm", Scenario.decodeLLM) ?? LLMProfile()
        let tts = try fields.optional("tts", Scenario.decodeTTS) ?? TTSProfile()
        let incidentsPath = fields.path(of: "incidents")
        let incidents = try fields.optional("incidents") { node, path throws(ScenarioError) in
            try ScenarioFields.list(node, path, Self.decodeIncident)
        } ?? []
        try fields.finish()
        for (index, incident) in incidents.enumerated() where incident.provider == nil {
            throw ScenarioError(path: "\(incidentsPath)[\(index)].kind",
                                reason: "provider incidents are providerOutage or providerSlow", line: node.line)
        }
        return (ProviderProfiles(stt: stt, llm: llm, tts: tts), incidents)
    }

    static func decodeServer(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Server {
        var fields = try ScenarioFields(node, path: path)
        var server = Server()
        if let value = try fields.optional("coldStartPpm", ScenarioFields.ppm) { server.coldStart = value }
        if let value = try fields.optional("coldStartMs", millis(max: 60_000)) { server.coldStartMicros = value }
        if let value = try fields.optional("resumeGraceMs", ScenarioFields.durationMicros) { server.resumeGraceMicros = value }
        try fields.finish()
        return server
    }

    static func decodeFlag(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> FeatureFlag {
        var fields = try ScenarioFields(node, path: path)
        var flag = FeatureFlag()
        if let value = try fields.optional("name", ScenarioFields.nonEmptyString) { flag.name = value }
        if let value = try fields.optional("v2SharePpm", ScenarioFields.ppm) { flag.v2Share = value }
        try fields.finish()
        return flag
    }

    static func decodeLimits(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> SessionLimits {
        var fields = try ScenarioFields(node, path: path)
        var limits = SessionLimits()
        let count = { (node: ScenarioNode, path: String) throws(ScenarioError) -> Int in
            Int(try ScenarioFields.integer(node, path, min: 1, max: 1_000_000, expected: "an integer from 1 to 1000000"))
        }
        if let value = try fields.optional("dailyCallsMax", count) { limits.dailyCallsMax = value }
        if let value = try fields.optional("throttleCallsMax", count) { limits.throttleCallsMax = value }
        if let value = try fields.optional("throttleWindowMs", ScenarioFields.positiveDurationMicros) {
            limits.throttleWindowMicros = value
        }
        if let value = try fields.optional("monthlySpendAlertUsd", { node, path throws(ScenarioError) in
            try ScenarioFields.integer(node, path, min: 0, max: 1_000_000_000, expected: "whole dollars, 0 to 1000000000")
        }) { limits.monthlySpendAlertMicroUSD = value * 1_000_000 }
        try fields.finish()
        return limits
    }

    static func decodeKPIs(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> RolloutKPIs {
        var fields = try ScenarioFields(node, path: path)
        var kpis = RolloutKPIs()
        if let value = try fields.optional("meanMs", ScenarioFields.positiveDurationMicros) { kpis.meanMicrosMax = value }
        if let value = try fields.optional("p95Ms", ScenarioFields.positiveDurationMicros) { kpis.p95MicrosMax = value }
        if let value = try fields.optional("successPpm", ScenarioFields.ppm) { kpis.successMin = value }
        if let value = try fields.optional("accuracyPpm", ScenarioFields.ppm) { kpis.accuracyMin = value }
        try fields.finish()
        return kpis
    }
}

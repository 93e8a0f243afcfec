import VoiceCore

/// The mapping from a scenario document to `Scenario`: one function per object kind,
/// each reading its fields through `ScenarioFields` (so unknown fields are errors) and
/// checking values that depend on each other.
extension Scenario {
    init(node: ScenarioNode) throws(ScenarioError) {
        var fields = try ScenarioFields(node, path: "")
        let name = try fields.required("name", ScenarioFields.nonEmptyString)
        let description = try fields.optional("description", ScenarioFields.string) ?? ""
        let seed = try fields.optional("seed", ScenarioFields.seed) ?? 0x5EED
        let durationMicros = try fields.required("durationMs", ScenarioFields.positiveDurationMicros)
        let pipelineIndex = try fields.optional("pipeline") { node, path throws(ScenarioError) in
            try ScenarioFields.choice(node, path, ["v1", "v2"])
        }
        let users = try fields.required("users") { node, path throws(ScenarioError) in
            try Scenario.decodeUsers(node, path)
        }
        let network = try fields.optional("network", Scenario.decodeNetwork) ?? NetworkProfile()
        let server = try fields.optional("server", Scenario.decodeServer) ?? ServerProfile()
        let providers = try fields.optional("providers", Scenario.decodeProviders) ?? ProviderProfiles()
        let faultsPath = fields.path(of: "faults")
        let faults =
            try fields.optional("faults") { node, path throws(ScenarioError) in
                try ScenarioFields.list(node, path, Scenario.decodeFault)
            } ?? []
        try fields.finish()
        try Scenario.checkTriggerUsers(faults, users: users, path: faultsPath, line: node.line)
        for (index, user) in users.enumerated() where Int64(user.calls - 1) * user.callEveryMicros >= durationMicros {
            throw ScenarioError(
                path: "users[\(index)].calls",
                reason: "the last of \(user.calls) calls, one every \(user.callEveryMicros / 1_000) ms, would start after "
                    + "the run ends (durationMs \(durationMicros / 1_000))", line: node.line)
        }
        self.init(
            name: name, description: description, seed: seed, durationMicros: durationMicros,
            pipeline: pipelineIndex == 0 ? .v1 : .v2, users: users, network: network, server: server,
            providers: providers, faults: FaultSchedule(faults.compactMap(\.fixed)),
            triggeredFaults: faults.compactMap(\.triggered))
    }

    // MARK: users

    static func decodeUsers(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> [UserScript] {
        let users = try ScenarioFields.list(node, path, decodeUser)
        if users.isEmpty { throw ScenarioFields.fail(node, path, expected: "at least one user") }
        for (index, user) in users.enumerated() {
            if let first = users.firstIndex(where: { $0.id == user.id }), first != index {
                throw ScenarioError(
                    path: "\(path)[\(index)].id", reason: "duplicate user id \"\(user.id)\"", line: node.line)
            }
        }
        return users
    }

    static func decodeUser(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> UserScript {
        var fields = try ScenarioFields(node, path: path)
        let index = path.split(separator: "[").last.map { $0.dropLast() } ?? "0"
        var user = UserScript.scenarioDefaults
        user.id = "user-\((Int(index) ?? 0) + 1)"
        try fields.read(UserScript.scenarioFields, into: &user)
        if user.calls > 1 && !fields.has("callEveryMs") {
            throw ScenarioError(
                path: fields.path(of: "callEveryMs"), reason: "required with calls > 1 (the time between call starts)",
                line: node.line)
        }
        let utterancesPath = fields.path(of: "utterances")
        user.utterances = try fields.required("utterances") { node, path throws(ScenarioError) in
            try ScenarioFields.list(node, path, decodeUtterance)
        }
        try fields.finish()
        guard let first = user.utterances.first else {
            throw ScenarioError(path: utterancesPath, reason: "expected at least one utterance", line: node.line)
        }
        if first.start.waitsForAssistant {
            throw ScenarioError(
                path: "\(utterancesPath)[0]",
                reason: "the first utterance must start with atMs or afterPreviousMs (nothing to reply to yet)",
                line: node.line)
        }
        return user
    }

    /// Calls one user may place in a scenario: enough for the daily cap (500) and then some.
    static let callsMax: Int64 = 10_000
    /// Longest cough a file may give.
    static let coughMillisMax: Int64 = 10_000

    /// `{atMs: 5000, durationMs: 600}`; the duration defaults to a short cough.
    static func decodeCough(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> UserScript.Cough {
        var fields = try ScenarioFields(node, path: path)
        var cough = UserScript.Cough.scenarioDefaults
        try fields.read(UserScript.Cough.scenarioFields, into: &cough)
        try fields.finish()
        return cough
    }

    static func decodeCoughDuration(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Int64 {
        try ScenarioFields.integer(node, path, min: 1, max: coughMillisMax,
                                   expected: "an integer from 1 to \(coughMillisMax) (milliseconds)") * 1_000
    }

    static func decodeUtterance(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> UserScript.Utterance {
        var fields = try ScenarioFields(node, path: path)
        let text = try fields.required("text", ScenarioFields.nonEmptyString)
        var starts: [UserScript.Start] = []
        if let at = try fields.optional("atMs", ScenarioFields.durationMicros) {
            starts.append(.at(Instant(micros: at)))
        }
        if let pause = try fields.optional("afterPreviousMs", ScenarioFields.durationMicros) {
            starts.append(.afterPrevious(pauseMicros: pause))
        }
        if let pause = try fields.optional("afterReplyMs", ScenarioFields.durationMicros) {
            starts.append(.afterReply(pauseMicros: pause))
        }
        if let after = try fields.optional("bargeInMs", ScenarioFields.durationMicros) {
            starts.append(.bargeIn(afterMicros: after))
        }
        if let trigger = try fields.optional("at", { node, path throws(ScenarioError) in
            try decodeTrigger(node, path, allowsUser: false)
        }) {
            starts.append(.after(trigger))
        }
        let cough = try fields.optional("coughAfterReplyStartsMs", ScenarioFields.durationMicros)
        let coughDuration = try fields.optional("coughMs", decodeCoughDuration)
        try fields.finish()
        if coughDuration != nil && cough == nil {
            throw ScenarioError(
                path: ScenarioFields.join(path, "coughMs"), reason: "needs coughAfterReplyStartsMs (when the cough starts)",
                line: node.line)
        }
        guard starts.count == 1 else {
            throw ScenarioError(
                path: path,
                reason: "expected exactly one of atMs, afterPreviousMs, afterReplyMs, bargeInMs, at, found \(starts.count)",
                line: node.line)
        }
        return UserScript.Utterance(
            text, start: starts[0], coughAfterReplyStartsMicros: cough, coughMicros: coughDuration ?? SpeechSynth.coughMicros)
    }

    // MARK: network and server

    static func decodeNetwork(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> NetworkProfile {
        var fields = try ScenarioFields(node, path: path)
        var network = NetworkProfile()
        try fields.read(NetworkProfile.scenarioFields, into: &network)
        try fields.finish()
        return network
    }

    static func decodeLink(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> LinkProfile {
        var fields = try ScenarioFields(node, path: path)
        var link = LinkProfile.broadband
        try fields.read(LinkProfile.scenarioFields, into: &link)
        try fields.finish()
        return link
    }

    static func decodeJitter(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Jitter {
        if case .string("none") = node.value { return .none }
        var fields = try ScenarioFields(node, path: path)
        let kind = try fields.required("kind") { node, path throws(ScenarioError) in
            try ScenarioFields.choice(node, path, ["none", "uniform", "longTail"])
        }
        let jitter: Jitter
        switch kind {
        case 0:
            jitter = .none
        case 1:
            jitter = .uniform(maxMicros: try fields.required("maxMs", ScenarioFields.durationMicros))
        default:
            let mean = try fields.required("meanMs", ScenarioFields.durationMicros)
            let tail = try fields.required("tailPpm", ScenarioFields.ppm)
            let tailMax = try fields.required("tailMaxMs", ScenarioFields.durationMicros)
            if tailMax < mean * 2 {
                throw ScenarioError(
                    path: fields.path(of: "tailMaxMs"), reason: "must be at least twice meanMs",
                    line: node.line)
            }
            jitter = .longTail(meanMicros: mean, tailRatio: tail, tailMaxMicros: tailMax)
        }
        try fields.finish()
        return jitter
    }

    static func decodeServer(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> ServerProfile {
        var fields = try ScenarioFields(node, path: path)
        var server = ServerProfile()
        try fields.read(ServerProfile.scenarioFields, into: &server)
        try fields.finish()
        return server
    }

    // MARK: faults

    static let providerNames = ["stt", "llm", "tts"]

    static func decodeFault(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> DecodedFault {
        var fields = try ScenarioFields(node, path: path)
        let kindIndex = try fields.required("kind") { node, path throws(ScenarioError) in
            try ScenarioFields.choice(node, path, Fault.KindName.allCases.map(\.rawValue))
        }
        let name = try fields.optional("name", ScenarioFields.string) ?? ""
        let fixedStart = try fields.optional("startMs", ScenarioFields.durationMicros)
        let trigger = try fields.optional("at") { node, path throws(ScenarioError) in
            try decodeTrigger(node, path, allowsUser: true)
        }
        guard (fixedStart == nil) != (trigger == nil) else {
            throw ScenarioError(path: path, reason: "expected exactly one of startMs, at", line: node.line)
        }
        // A triggered fault's window is relative: it starts at 0 until its trigger fires.
        let start = fixedStart ?? 0
        let kind: Fault.Kind
        switch Fault.KindName.allCases[kindIndex] {
        case .partition: kind = .partition
        case .connectionReset: kind = .connectionReset
        case .stall: kind = .stall
        case .latencySpike:
            kind = .latencySpike(extraMicros: try fields.required("extraMs", ScenarioFields.durationMicros))
        case .loss: kind = .loss(try fields.required("lossPpm", ScenarioFields.ppm))
        case .coldStart: kind = .coldStart(delayMicros: try fields.required("delayMs", ScenarioFields.durationMicros))
        case .providerOutage: kind = .providerOutage(provider: try fields.required("provider", decodeProvider))
        case .providerSlow:
            let provider = try fields.required("provider", decodeProvider)
            kind = .providerSlow(
                provider: provider, extraMicros: try fields.required("extraMs", ScenarioFields.durationMicros))
        case .duplicate: kind = .duplicate
        case .reorder: kind = .reorder(maxDelayMicros: try fields.required("maxDelayMs", ScenarioFields.durationMicros))
        case .lateDelivery:
            kind = .lateDelivery(extraMicros: try fields.required("extraMs", ScenarioFields.durationMicros))
        case .duplicateDown: kind = .duplicateDown
        case .reorderDown:
            kind = .reorderDown(maxDelayMicros: try fields.required("maxDelayMs", ScenarioFields.durationMicros))
        case .lateDeliveryDown:
            kind = .lateDeliveryDown(extraMicros: try fields.required("extraMs", ScenarioFields.durationMicros))
        }
        var end = start
        if kind != .connectionReset {
            let endMicros = try fields.optional("endMs", ScenarioFields.durationMicros)
            let durationMicros = try fields.optional("durationMs", ScenarioFields.positiveDurationMicros)
            switch (endMicros, durationMicros) {
            case (let endMicros?, nil):
                guard trigger == nil else {
                    throw ScenarioError(
                        path: fields.path(of: "endMs"), reason: "a fault placed with at gives its length as durationMs",
                        line: node.line)
                }
                guard endMicros > start else {
                    throw ScenarioError(
                        path: fields.path(of: "endMs"), reason: "must be after startMs (\(start / 1_000))",
                        line: node.line)
                }
                end = endMicros
            case (nil, let durationMicros?):
                end = start + durationMicros
            default:
                throw ScenarioError(path: path, reason: "expected exactly one of endMs, durationMs", line: node.line)
            }
        }
        try fields.finish()
        let fault = Fault(name: name, startMicros: start, endMicros: end, kind: kind)
        return trigger.map { .triggered(TriggeredFault(trigger: $0, fault: fault)) } ?? .fixed(fault)
    }

    static func decodeProvider(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Fault.Provider {
        Fault.Provider.allCases[try ScenarioFields.choice(node, path, providerNames)]
    }
}

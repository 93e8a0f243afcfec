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
        let id = try fields.optional("id", ScenarioFields.nonEmptyString) ?? "user-\((Int(index) ?? 0) + 1)"
        let wordsPerMinute =
            try fields.optional("wordsPerMinute") { node, path throws(ScenarioError) in
                try ScenarioFields.integer(node, path, min: 40, max: 400, expected: "an integer from 40 to 400")
            } ?? 150
        var voice = SpeechSynth.Voice.user
        if let pitch = try fields.optional("pitchHz", decodePitch) { voice.pitchHz = pitch }
        if let noise = try fields.optional("noiseAmplitude", decodeAmplitude) { voice.noiseAmplitude = noise }
        let replyTimeoutMicros =
            try fields.optional("replyTimeoutMs", ScenarioFields.positiveDurationMicros)
            ?? 20_000_000
        let coughsAt =
            try fields.optional("coughsAtMs") { node, path throws(ScenarioError) in
                try ScenarioFields.list(node, path, ScenarioFields.durationMicros).map {
                    UserScript.Cough(at: Instant(micros: $0))
                }
            } ?? []
        let coughs = try fields.optional("coughs") { node, path throws(ScenarioError) in
            try ScenarioFields.list(node, path, decodeCough)
        } ?? []
        let calls = try fields.optional("calls") { node, path throws(ScenarioError) in
            try ScenarioFields.integer(node, path, min: 1, max: callsMax, expected: "an integer from 1 to \(callsMax)")
        } ?? 1
        let callEveryMicros = try fields.optional("callEveryMs", ScenarioFields.positiveDurationMicros)
        let callMicros = try fields.optional("callMs", ScenarioFields.positiveDurationMicros)
        if calls > 1 && callEveryMicros == nil {
            throw ScenarioError(
                path: fields.path(of: "callEveryMs"), reason: "required with calls > 1 (the time between call starts)",
                line: node.line)
        }
        let utterancesPath = fields.path(of: "utterances")
        let utterances = try fields.required("utterances") { node, path throws(ScenarioError) in
            try ScenarioFields.list(node, path, decodeUtterance)
        }
        try fields.finish()
        guard let first = utterances.first else {
            throw ScenarioError(path: utterancesPath, reason: "expected at least one utterance", line: node.line)
        }
        if first.start.waitsForAssistant {
            throw ScenarioError(
                path: "\(utterancesPath)[0]",
                reason: "the first utterance must start with atMs or afterPreviousMs (nothing to reply to yet)",
                line: node.line)
        }
        return UserScript(
            id: id, utterances: utterances, coughs: coughsAt + coughs, wordsPerMinute: wordsPerMinute, voice: voice,
            replyTimeoutMicros: replyTimeoutMicros, calls: Int(calls), callEveryMicros: callEveryMicros ?? 0,
            callMicros: callMicros)
    }

    /// Calls one user may place in a scenario: enough for the daily cap (500) and then some.
    static let callsMax: Int64 = 10_000
    /// Longest cough a file may give.
    static let coughMillisMax: Int64 = 10_000

    /// `{atMs: 5000, durationMs: 600}`; the duration defaults to a short cough.
    static func decodeCough(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> UserScript.Cough {
        var fields = try ScenarioFields(node, path: path)
        let at = try fields.required("atMs", ScenarioFields.durationMicros)
        let duration = try fields.optional("durationMs", decodeCoughDuration) ?? SpeechSynth.coughMicros
        try fields.finish()
        return UserScript.Cough(at: Instant(micros: at), durationMicros: duration)
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

    static func decodePitch(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Int32 {
        Int32(try ScenarioFields.integer(node, path, min: 50, max: 1_000, expected: "an integer from 50 to 1000 (Hz)"))
    }

    static func decodeAmplitude(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Int32 {
        Int32(try ScenarioFields.integer(node, path, min: 0, max: 32_767, expected: "an integer from 0 to 32767"))
    }

    // MARK: network and server

    static func decodeNetwork(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> NetworkProfile {
        var fields = try ScenarioFields(node, path: path)
        let up = try fields.optional("up", decodeLink) ?? .broadband
        let down = try fields.optional("down", decodeLink) ?? .broadband
        try fields.finish()
        return NetworkProfile(up: up, down: down)
    }

    static func decodeLink(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> LinkProfile {
        var fields = try ScenarioFields(node, path: path)
        var link = LinkProfile.broadband
        if let latency = try fields.optional("baseLatencyMs", ScenarioFields.durationMicros) {
            link.baseLatencyMicros = latency
        }
        if let jitter = try fields.optional("jitter", decodeJitter) { link.jitter = jitter }
        if let bandwidth = try fields.optional("bandwidthBytesPerSecond", ScenarioFields.bandwidth) {
            link.bandwidthBytesPerSecond = bandwidth
        }
        if let loss = try fields.optional("lossPpm", ScenarioFields.ppm) { link.loss = loss }
        if let retransmit = try fields.optional("retransmitMs", ScenarioFields.durationMicros) {
            link.retransmitMicros = retransmit
        }
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
        if let cold = try fields.optional("coldStartMs", ScenarioFields.durationMicros) {
            server.coldStartMicros = cold
        }
        if let grace = try fields.optional("resumeGraceMs", ScenarioFields.durationMicros) {
            server.resumeGraceMicros = grace
        }
        if let calls = try fields.optional("dailyCallsMax", ScenarioFields.dailyCalls) {
            server.dailyCallsMax = Int(clamping: calls)
        }
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

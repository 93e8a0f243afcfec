import VoiceCore

/// What one call of a population run produced, reduced to what the report and the
/// `sessions` rows need.
public struct CallSummary: Equatable, Sendable {
    public var index: Int
    public var userID: String
    public var arm: Pipeline
    public var network: String
    public var admission: CallAdmission
    public var scenarioName: String
    public var scenarioSeed: UInt64
    /// The run's digest (`voicesim run` prints the same); nil for a call refused at admission.
    public var digest: UInt64?
    public var durationMicros: Int64
    /// Turns the caller spoke (all of them, for the `sessions` row).
    public var turnsSpoken: Int
    /// Turns that count for the KPIs: speech ended at least the answer window before hang-up.
    public var turnsCounted: Int
    /// Of those, turns the caller heard an answer to.
    public var turnsAnswered: Int
    /// Voice-to-voice of each counted, answered turn, in turn order.
    public var latenciesMicros: [Int64]
    /// STT finals of the answered turns against what was said.
    public var wordErrors: WordErrors
    public var interruptions: Int
    public var reconnects: Int
    public var lostAudioMicros: Int64
    public var costMicroUSD: Int64
    /// Errors the server sent the client (refusals included).
    public var clientErrors: Int
    /// Invariant and oracle breaches of the run.
    public var violations: Int
}

extension CallSummary {
    /// Simulates `call` (unless the session manager refused it) and summarises it.
    public static func run(_ call: PopulationCall, answerWindowMicros: Int64) -> CallSummary {
        var summary = CallSummary(
            index: call.index, userID: call.userID, arm: call.arm, network: call.network, admission: call.admission,
            scenarioName: call.scenario.name, scenarioSeed: call.scenario.seed, digest: nil, durationMicros: 0,
            turnsSpoken: 0, turnsCounted: 0, turnsAnswered: 0, latenciesMicros: [], wordErrors: WordErrors(),
            interruptions: 0, reconnects: 0, lostAudioMicros: 0, costMicroUSD: 0, clientErrors: 0, violations: 0)
        guard call.admission == .granted else { return summary }
        var simulation = Simulation(scenario: call.scenario)
        simulation.keepsAudioSamples = false
        summary.record(simulation.run(), answerWindowMicros: answerWindowMicros)
        return summary
    }

    mutating func record(_ result: SimulationResult, answerWindowMicros: Int64) {
        digest = result.digest
        durationMicros = result.simulatedMicros
        turnsSpoken = result.turns.count
        let cutoff = result.simulatedMicros - answerWindowMicros
        for turn in result.turns where turn.speechEndAt.micros <= cutoff {
            turnsCounted += 1
            guard let latency = turn.voiceToVoiceMicros else { continue }
            turnsAnswered += 1
            latenciesMicros.append(latency)
            wordErrors = wordErrors + WordErrors(said: turn.userText, heard: turn.heardText ?? "")
        }
        interruptions = result.interruptions
        reconnects = result.reconnects
        lostAudioMicros = result.lostAudioMicros
        costMicroUSD = result.costMicroUSD
        clientErrors = result.clientErrors.count
        violations = result.invariantViolations.count
    }

    /// The KPIs this call alone misses: its mean or slowest turn over the limits, a counted
    /// turn left unanswered, or its transcripts under the accuracy threshold.
    public func breaches(_ kpis: RolloutKPIs) -> [RolloutKPI] {
        guard admission == .granted else { return [] }
        var missed: [RolloutKPI] = []
        if !latenciesMicros.isEmpty {
            if latenciesMicros.reduce(0, +) / Int64(latenciesMicros.count) >= kpis.meanMicrosMax { missed.append(.mean) }
            if latenciesMicros.max()! >= kpis.p95MicrosMax { missed.append(.p95) }
        }
        if turnsAnswered < turnsCounted { missed.append(.success) }
        if wordErrors.referenceWords > 0 {
            let correct = UInt64(wordErrors.referenceWords - min(wordErrors.errors, wordErrors.referenceWords))
            if !RolloutKPIs.above(correct, of: UInt64(wordErrors.referenceWords), kpis.accuracyMin) {
                missed.append(.accuracy)
            }
        }
        return missed
    }
}

extension RolloutKPIs {
    /// `part / whole > threshold`, exactly (integers, no rounding).
    static func above(_ part: UInt64, of whole: UInt64, _ threshold: Ratio) -> Bool {
        let lhs = part.multipliedFullWidth(by: threshold.denominator)
        let rhs = threshold.numerator.multipliedFullWidth(by: whole)
        return lhs.high == rhs.high ? lhs.low > rhs.low : lhs.high > rhs.high
    }
}

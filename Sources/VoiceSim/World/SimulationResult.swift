import VoiceCore

/// What one run produced: the digest that pins its behaviour, and the measurements.
public struct SimulationResult: Sendable {
    public var scenario: String
    public var seed: UInt64
    public var pipeline: Pipeline
    /// Every lane's client and server digests folded in lane order.
    public var digest: UInt64
    public var simulatedMicros: Int64
    public var events: UInt64
    public var turns: [TurnRecord]
    public var usages: [SessionUsage]
    public var clientMetrics: [ClientMetrics]
    public var laneSetups: [LaneSetup]
    /// Machine invariants, playback after a stop, then oracle breaches: everything a run broke.
    public var invariantViolations: [String]
    /// The oracles' breaches, with their kinds (also described in `invariantViolations`).
    public var oracleViolations: [OracleViolation]
    /// How many of `invariantViolations` come from the machines and the playback check.
    public var machineViolationCount: Int
    public var notices: [ManagerNotice]
    /// Every reply, lane by lane, in the order they started.
    public var responses: [ResponseRecord] = []
    /// Every error the server sent a client (refusals included), lane by lane.
    public var clientErrors: [ClientErrorRecord] = []
    /// The faults in force at the end: the scenario's fixed ones, then each triggered one that fired.
    public var faults = FaultSchedule()
    /// The scenario's triggered faults, each with when it fired (nil: its event never came).
    public var triggeredFaults: [(fault: TriggeredFault, firedAt: Instant?)] = []
    /// Set by whoever timed the run; reports only.
    public var wallSeconds: Double = 0

    public var voiceToVoice: LatencyStats { LatencyStats(turns.compactMap(\.voiceToVoiceMicros)) }
    public var interruptions: Int { Int(usages.reduce(0) { $0 + $1.interruptions }) }
    public var reconnects: Int { Int(clientMetrics.reduce(0) { $0 + $1.disconnects }) }
    public var lostAudioMicros: Int64 { usages.reduce(0) { $0 + $1.lostAudioMicros } }
    public var replyAudioDroppedMicros: Int64 { usages.reduce(0) { $0 + $1.replyAudioDroppedMicros } }
    public var costMicroUSD: Int64 { usages.reduce(0) { $0 + $1.costMicroUSD() } }
    /// Turns that got an answer the user heard, out of all turns.
    public var answeredTurns: Int { turns.filter { $0.firstPlayAt != nil }.count }

    public var digestHex: String { hex16(digest) }

    static func mean(_ values: [Int64]) -> Int64 { values.isEmpty ? 0 : values.reduce(0, +) / Int64(values.count) }

    /// Refusals (daily cap, throttling) sent to clients.
    public var refusals: Int { clientErrors.filter { $0.code == .refused }.count }

    public var breakdownMeansMicros: (coldStart: Int64, stt: Int64, llmFirstToken: Int64, ttsFirstAudio: Int64) {
        (SimulationResult.mean(turns.filter { $0.llmStartAt != nil }.map(\.coldStartMicros)),
         SimulationResult.mean(turns.compactMap(\.sttMicros)),
         SimulationResult.mean(turns.compactMap(\.llmFirstTokenMicros)),
         SimulationResult.mean(turns.compactMap(\.ttsFirstAudioMicros)))
    }
}

extension Simulation {
    func result(endedAt: Instant) -> SimulationResult {
        var fold = Digest64()
        for lane in lanes {
            fold.writeUInt64(lane.machines.client.digest.value)
            fold.writeUInt64(lane.machines.server.digest.value)
        }
        var usages: [SessionUsage] = manager.finishedSessions
        for lane in lanes where lane.machines.server.phase == .active { usages.append(lane.machines.server.usage) }
        var violations = invariantViolations
        for lane in lanes { violations += lane.playsAfterStop.map { "lane \(lane.index): \($0)" } }
        let machineViolationCount = violations.count
        let oracles = oracleViolations
        violations += oracles.map(\.description)
        for lane in lanes { violations += lane.oracle.log.overflowNotes.map { "lane \(lane.index): \($0)" } }
        var result = SimulationResult(
            scenario: scenario.name, seed: seed, pipeline: scenario.pipeline, digest: fold.value,
            simulatedMicros: endedAt.micros, events: eventsProcessed, turns: lanes.flatMap(\.turns), usages: usages,
            clientMetrics: lanes.map(\.machines.client.metrics), laneSetups: lanes.map(\.setup),
            invariantViolations: violations, oracleViolations: oracles, machineViolationCount: machineViolationCount,
            notices: notices, responses: lanes.flatMap(\.responseRecords), clientErrors: lanes.flatMap(\.clientErrors))
        result.faults = faults
        result.triggeredFaults = zip(scenario.triggeredFaults, triggerFiredAt).map { ($0, $1) }
        return result
    }
}

import Recorder
import VoiceCore

/// Writes a population run into a trace database: one `sessions` row per call with the same
/// columns as recorded sessions (so `voicesim query` slices them, e.g. p95 by network class
/// through `json_extract(metadata, '$.network')`), and optionally full traces of the calls
/// that breach a KPI.
///
/// Summary rows hold no events (`event_count` 0): they are for querying, not replay. A call
/// the session manager refused has 0 turns and its admission in the metadata.
public enum PopulationStore {
    /// Appends one summary session per call, in call order; returns the session ids.
    public static func writeSummaries(_ run: PopulationRun, path: String) throws(TraceError) -> [Int64] {
        let writer = try TraceWriter(path: path, options: .simulation)
        var ids: [Int64] = []
        ids.reserveCapacity(run.calls.count)
        for summary in run.calls {
            let call = run.spec.plan(call: summary.index, seed: run.seed, users: run.users)
            let header = SessionHeader(
                origin: .sim, scenarioName: summary.scenarioName, scenarioText: call.scenario.yaml,
                seed: summary.scenarioSeed, codeVersion: VoiceSimVersion.current, pipeline: "\(summary.arm)",
                audioMode: .hash, metadataJSON: metadata(summary, run: run).rendered(indent: nil))
            ids.append(try writer.beginSession(header))
            let latency = LatencyStats(summary.latenciesMicros)
            try writer.finishSession(SessionSummary(
                ended: Instant(micros: summary.durationMicros), finalDigest: summary.digest ?? Digest64().value,
                turnCount: Int64(summary.turnsSpoken),
                latencyMillisMean: latency.count == 0 ? nil : Double(latency.meanMicros) / 1_000,
                latencyMillisP95: latency.count == 0 ? nil : Double(latency.p95Micros) / 1_000,
                interruptionCount: Int64(summary.interruptions), reconnectCount: Int64(summary.reconnects),
                lostAudioMillis: summary.lostAudioMicros / 1_000, costUSD: Double(summary.costMicroUSD) / 1_000_000))
        }
        return ids
    }

    /// Re-runs the calls that breach a KPI while recording them in full (hash-only audio), so a
    /// bad tail call opens in `timeline`, `debug` or `replay`: the worst first (slowest turn, then
    /// unanswered turns, then call order), at most `limit`. Returns the calls recorded; a re-run
    /// whose digest differs from the population's is a bug.
    public static func recordBreaches(_ run: PopulationRun, path: String, limit: Int) throws(TraceError) -> [Int] {
        let breaching = run.calls.filter { !$0.breaches(run.spec.kpis).isEmpty }.sorted {
            let lhs = ($0.latenciesMicros.max() ?? 0, $0.turnsCounted - $0.turnsAnswered)
            let rhs = ($1.latenciesMicros.max() ?? 0, $1.turnsCounted - $1.turnsAnswered)
            return lhs == rhs ? $0.index < $1.index : lhs > rhs
        }
        var recorded: [Int] = []
        for summary in breaching.prefix(limit) {
            let call = run.spec.plan(call: summary.index, seed: run.seed, users: run.users)
            let rerun = try Simulation.runRecording(scenario: call.scenario, path: path, audio: .hash)
            precondition(rerun.result.digest == summary.digest,
                         "call \(summary.index) re-ran with digest \(rerun.result.digestHex), not \(summary.digest.map(hex16) ?? "—")")
            recorded.append(summary.index)
        }
        return recorded
    }

    static func metadata(_ summary: CallSummary, run: PopulationRun) -> JSONValue {
        .object([
            ("population", .string(run.spec.name)), ("populationSeed", .string("0x" + String(run.seed, radix: 16))),
            ("call", .int(Int64(summary.index))), ("user", .string(summary.userID)), ("arm", .string("\(summary.arm)")),
            ("network", .string(summary.network)), ("admission", .string(summary.admission.rawValue)),
            ("turnsCounted", .int(Int64(summary.turnsCounted))), ("turnsAnswered", .int(Int64(summary.turnsAnswered))),
            ("wordErrors", .int(Int64(summary.wordErrors.errors))),
            ("wordsSaid", .int(Int64(summary.wordErrors.referenceWords))),
            ("maxLatencyMs", summary.latenciesMicros.max().map { .number(Double($0) / 1_000, decimals: 1) } ?? .null),
            ("clientErrors", .int(Int64(summary.clientErrors))), ("violations", .int(Int64(summary.violations))),
            ("breaches", .array(summary.breaches(run.spec.kpis).map { .string($0.rawValue) })),
            ("summaryOnly", .bool(true)),
        ])
    }
}

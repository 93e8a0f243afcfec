import Foundation
import Recorder
import Testing
import VoiceCore
@testable import VoiceSim

@Suite("Population runs")
struct PopulationTests {
    @Test("A population with 10 % of users on V2 reproduces the seed's gap: V1 ≈ 8.4 s, V2 < 2 s")
    func tenPercentReproducesTheGap() throws {
        let spec = PopulationFixtures.small(v2SharePpm: 100_000)
        let run = PopulationRun.run(spec, jobs: 2)
        let v1 = try #require(run.report.arm(.v1))
        let v2 = try #require(run.report.arm(.v2))
        // The flag is per user: every call of a V2 user is a V2 call, and V2 stays a minority.
        #expect(run.calls.allSatisfy { $0.arm == spec.flag.pipeline(userID: $0.userID) })
        #expect(v2.callsSimulated >= 2 && v2.callsAttempted * 4 < v1.callsAttempted)
        // The seed's 8.4 s, within 10 %.
        #expect(v1.latencyMean.value > 7_560_000 && v1.latencyMean.value < 9_240_000, "V1 mean \(v1.latencyMean)")
        #expect(v2.latencyMean.value < 2_000_000, "V2 mean \(v2.latencyMean)")
        #expect(v1.failed.contains(.mean) && v1.failed.contains(.p95))
        #expect(!v2.failed.contains(.mean) && !v2.failed.contains(.p95))
        #expect(v1.success.value > 0.9 && v2.success.value > 0.9)
    }

    @Test("A V2 population on a 50 % flaky network fails the p95 KPI, and the report says so")
    func flakyNetworkFailsP95() throws {
        let flaky = PopulationFixtures.small(
            name: "flaky-half", v2SharePpm: 1_000_000,
            network: [.init(name: "broadband", weight: 1), PopulationFixtures.flaky])
        let run = PopulationRun.run(flaky, calls: 20, jobs: 2)
        let v2 = try #require(run.report.arm(.v2))
        #expect(run.report.arm(.v1) == nil)
        #expect(!v2.verdict(.p95).pass)
        #expect(v2.latencyP95.value >= 4_000_000)
        #expect(run.report.v2Passes == false)
        let text = run.report.text(specPath: "flaky.yaml")
        let p95Line = try #require(text.split(separator: "\n").first { $0.hasPrefix("  p95") })
        #expect(p95Line.contains("FAIL"))
        #expect(text.contains("rollout gate: V2 FAILS") && text.split(separator: "\n").last!.contains("p95"))
        let json = run.report.json(specPath: "flaky.yaml").rendered(indent: nil)
        #expect(json.contains("\"p95\":{\"pass\":false"))

        // The same population without the flaky half holds p95: the network is what breaks it.
        let calm = PopulationFixtures.small(name: "calm", v2SharePpm: 1_000_000)
        let calmRun = PopulationRun.run(calm, calls: 10, jobs: 2)
        #expect(try #require(calmRun.report.arm(.v2)).verdict(.p95).pass)
    }

    @Test("The same spec and seed give the same calls and report whatever the number of jobs")
    func independentOfJobs() {
        let spec = PopulationFixtures.small(
            name: "jobs", v2SharePpm: 300_000,
            network: [.init(name: "broadband", weight: 3), PopulationFixtures.flaky])
        let one = PopulationRun.run(spec, calls: 12, jobs: 1)
        let three = PopulationRun.run(spec, calls: 12, jobs: 3)
        #expect(one.calls == three.calls)
        #expect(one.report == three.report)
        #expect(one.report.text(specPath: "s.yaml") == three.report.text(specPath: "s.yaml"))
        #expect(one.report.json(specPath: "s.yaml").rendered() == three.report.json(specPath: "s.yaml").rendered())
        // A different seed is a different population: the comparison above can fail.
        let other = PopulationRun.run(spec, calls: 12, seed: spec.seed + 1, jobs: 3)
        #expect(other.calls.map(\.digest) != one.calls.map(\.digest))
    }

    @Test("A call from the population re-runs alone, from its scenario file, with the same digest")
    func callRerunsAlone() throws {
        let spec = PopulationFixtures.small(
            name: "rerun", v2SharePpm: 500_000, network: [.init(name: "broadband", weight: 1), PopulationFixtures.flaky])
        let run = PopulationRun.run(spec, calls: 8, jobs: 2)
        let simulated = run.calls.filter { $0.digest != nil }
        // One V1 and one V2 call, and a call with faults in its scenario.
        var picks = [Pipeline.v1, .v2].compactMap { arm in simulated.first { $0.arm == arm } }
        picks += simulated.filter { $0.network == "flaky" }.prefix(1)
        #expect(picks.count == 3)
        #expect(!PopulationRun.call(picks[2].index, of: spec).scenario.faults.isEmpty)
        for summary in picks {
            let planned = PopulationRun.call(summary.index, of: spec)
            let parsed = try Scenario.parse(planned.scenario.yaml, fileName: "call.yaml")
            #expect(parsed == planned.scenario)
            var alone = Simulation(scenario: parsed)
            #expect(alone.run().digest == summary.digest, "call \(summary.index)")
        }
    }

    @Test("Per-call summaries go to the sessions table, and voicesim query slices them by network")
    func summariesAreQueryable() throws {
        let spec = PopulationFixtures.small(
            name: "store", v2SharePpm: 500_000, network: [.init(name: "broadband", weight: 1), PopulationFixtures.flaky])
        let run = PopulationRun.run(spec, calls: 6, jobs: 2)
        let path = PopulationFixtures.temporaryPath("population")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let ids = try PopulationStore.writeSummaries(run, path: path)
        #expect(ids.count == 6)
        let query = try TraceQuery(paths: [path])
        let rows = try query.run("""
            SELECT json_extract(metadata, '$.call'), pipeline, json_extract(metadata, '$.network'), final_digest, turns
            FROM sessions ORDER BY id
            """).rows
        #expect(rows.count == run.calls.count)
        for (row, call) in zip(rows, run.calls) {
            #expect(row[0] == .integer(Int64(call.index)))
            #expect(row[1] == .text("\(call.arm)"))
            #expect(row[2] == .text(call.network))
            #expect(row[3] == .text(hex16(call.digest ?? Digest64().value)))
            #expect(row[4] == .integer(Int64(call.turnsSpoken)))
        }
        let byNetwork = try query.run(
            "SELECT json_extract(metadata, '$.network') AS network, count(*) FROM sessions GROUP BY network ORDER BY network")
        let expected = Dictionary(grouping: run.calls, by: \.network).mapValues(\.count)
        #expect(byNetwork.rows.map { [$0[0], $0[1]] }
            == expected.keys.sorted().map { [SQLiteValue.text($0), .integer(Int64(expected[$0]!))] })
    }
}

@Suite("Population breach traces")
struct PopulationBreachTraceTests {
    @Test("Calls that breach a KPI are recorded in full, worst first, and replay bit for bit")
    func breachTracesReplay() throws {
        let spec = PopulationFixtures.small(
            name: "breach", v2SharePpm: 1_000_000, network: [.init(name: "broadband", weight: 1), PopulationFixtures.flaky])
        let run = PopulationRun.run(spec, calls: 6, jobs: 2)
        let breaching = run.calls.filter { !$0.breaches(spec.kpis).isEmpty }
        #expect(breaching.count >= 2 && breaching.count < run.calls.count)
        let path = PopulationFixtures.temporaryPath("breaches")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let recorded = try PopulationStore.recordBreaches(run, path: path, limit: 2)
        let slowest = breaching.sorted { ($0.latenciesMicros.max() ?? 0) > ($1.latenciesMicros.max() ?? 0) }
        #expect(recorded == slowest.prefix(2).map(\.index))
        let reader = try TraceReader(path: path)
        for (offset, index) in recorded.enumerated() {
            let report = try Replayer().replay(reader, session: Int64(offset + 1))
            #expect(report.isIdentical)
            #expect(report.finalDigest == run.calls[index].digest)
        }
    }
}

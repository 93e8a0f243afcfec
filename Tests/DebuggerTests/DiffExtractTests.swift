import Foundation
import Recorder
import TestSupport
import Testing
import VoiceCore
import VoiceSim

@Suite("voicesim diff and extract")
struct DiffExtractTests {
    let traces = RecordedTraces.shared

    @Test("a trace diffed with itself or with its replay is empty; with another seed it is not")
    func diffs() throws {
        let reader = try TraceReader(path: traces.bargeIn)
        let a = try TraceDiff.Side.load(reader, session: nil, label: "a")
        #expect(TraceDiff(a: a, b: a).isEmpty && TraceDiff(a: a, b: a).text.isEmpty)
        #expect(TraceDiff(a: a, b: a.replayed(label: "replay")).isEmpty)
        let b = try TraceDiff.Side.load(TraceReader(path: traces.otherSeed), session: nil, label: "b")
        let diff = TraceDiff(a: a, b: b)
        let divergence = try #require(diff.divergence)
        // Everything before the first divergence is identical on that lane.
        let index = try #require(divergence.a)
        for position in 0..<index where a.events[position].input.lane == divergence.lane {
            #expect(a.events[position].input == b.events[position].input)
        }
        #expect(diff.text.contains("first divergence: lane 0"))
        #expect(diff.text.contains("turns (voice-to-voice, ms):"))
    }

    @Test("diff exits 0 for the same trace and 1 with a report for two seeds", .enabled(if: voicesimBinary() != nil, "\(binaryMissing)"))
    func diffExitCodes() throws {
        let same = try runVoicesim(["diff", traces.bargeIn, traces.bargeIn])
        #expect(same.status == 0 && same.output.isEmpty)
        let different = try runVoicesim(["diff", traces.bargeIn, traces.otherSeed])
        #expect(different.status == 1 && different.output.hasPrefix("--- "))
        #expect(try runVoicesim(["diff", traces.bargeIn, "--replay"]).status == 0)
    }

    @Test("extract then run reproduces the session's turn timing within 5 %")
    func extractReproduces() throws {
        let reader = try TraceReader(path: traces.bargeIn)
        let original = try SessionTimeline.load(reader, session: nil)
        let scenario = try IncidentExtractor.extract(reader, session: nil)
        // Through the YAML a user would run.
        let reparsed = try Scenario.parse(scenario.yaml, fileName: "incident.yaml")
        #expect(reparsed.yaml == scenario.yaml)
        let path = traces.path("incident-\(UUID().uuidString).sqlite")
        _ = try Simulation.runRecording(scenario: reparsed, path: path, audio: .hash)
        let rerun = try SessionTimeline.load(TraceReader(path: path), session: nil)
        #expect(rerun.turns.count == original.turns.count)
        for (a, b) in zip(original.turns, rerun.turns) {
            #expect(abs(b.speechStart.micros - a.speechStart.micros) * 20 <= a.speechStart.micros, "turn \(a.number) start")
            #expect(a.interrupted == b.interrupted && (a.firstPlay == nil) == (b.firstPlay == nil))
        }
        let meanA = original.turns.compactMap(\.voiceToVoiceMicros).reduce(0, +) / Int64(original.turns.count)
        let meanB = rerun.turns.compactMap(\.voiceToVoiceMicros).reduce(0, +) / Int64(rerun.turns.count)
        #expect(abs(meanB - meanA) * 20 <= meanA, "mean voice-to-voice \(meanA) µs recorded, \(meanB) µs rerun")
    }

    @Test("extract measures the network and turns a stall into a fault")
    func extractMeasuresFaults() throws {
        var scenario = BuiltinScenarios.named("v2-nominal")!
        scenario.faults = FaultSchedule([Fault(name: "s", startMicros: 20_000_000, endMicros: 22_000_000, kind: .stall)])
        let path = traces.path("stall-\(UUID().uuidString).sqlite")
        _ = try Simulation.runRecording(scenario: scenario, path: path, audio: .hash)
        let extracted = try IncidentExtractor.extract(TraceReader(path: path), session: nil)
        #expect((25_000...35_000).contains(extracted.network.up.baseLatencyMicros))
        let stall = try #require(extracted.faults.faults.first { $0.kind == .stall })
        #expect(abs(stall.startMicros - 20_000_000) <= 200_000 && abs(stall.endMicros - 22_000_000) <= 200_000)
    }

    @Test("fuzz --around variants keep the incident's users and fault kinds, and are reproducible")
    func aroundVariants() throws {
        var incident = BuiltinScenarios.named("v2-flaky-network")!
        incident.name = "incident"
        #expect(AroundIncident.variant(incident, number: 0) == incident)
        let first = AroundIncident.variant(incident, number: 3)
        #expect(first == AroundIncident.variant(incident, number: 3))
        #expect(first.seed == incident.seed + 3 && first.users == incident.users)
        #expect(first.faults.faults.map(\.kind) == incident.faults.faults.map(\.kind))
        #expect(first.faults != incident.faults)
        for (moved, fault) in zip(first.faults.faults, incident.faults.faults) {
            #expect(abs(moved.startMicros - fault.startMicros) <= AroundIncident.shiftMicrosMax)
            #expect(moved.durationMicros >= fault.durationMicros || moved.endMicros == incident.durationMicros)
        }
    }
}

import Foundation
import Recorder
import TestSupport
import Testing
import VoiceCore
import VoiceSim

@Suite("voicesim replay, inspect, and a recorder killed mid-run")
struct CommandLineTests {
    @Test(
        "a recorder killed with SIGKILL leaves a sound database whose committed chunks replay",
        .enabled(if: voicesimBinary() != nil, "voicesim is not built next to the tests (swift build --build-tests)"))
    func killedRecorder() throws {
        let binary = try #require(voicesimBinary())
        let directory = TemporaryDirectory()
        let path = directory.path("killed.db")
        // Wait until a few chunks are committed, then kill it mid-write.
        let process = try SlowRecorder(binary: binary, path: path, scenario: "v2-flaky-network", audio: "full",
                                       committed: 300).process
        #expect(process.isRunning, "the recorder finished before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)

        let database = try SQLiteDatabase(path: path, flags: .readWrite)
        let check = try database.prepare("PRAGMA integrity_check")
        #expect(try check.step() == .row && check.string(at: 0) == "ok")

        let reader = try TraceReader(path: path)
        let session = try reader.session(id: 1)
        #expect(!session.isFinished && session.eventCount >= 300)
        let report = try Replayer().replay(reader, session: 1)
        #expect(report.isIdentical && !report.recordingFinished && report.eventsReplayed == session.eventCount)
        // The other process recorded exactly what this one computes for the same scenario.
        let inputs = InputCollector()
        var simulation = Simulation(scenario: try Scenario.load(fileOrBuiltinName: "v2-flaky-network"), observer: inputs)
        _ = simulation.run()
        let events = try reader.events(session: 1).all()
        #expect(events.count <= inputs.steps.count)
        for (event, step) in zip(events, inputs.steps) {
            guard event.input == step.input && event.output == step.output && event.time == step.time else {
                Issue.record("event \(event.index) differs from an in-process simulation of the same scenario")
                break
            }
        }
        #expect(try reader.recordedAudio(session: 1).allSatisfy(\.hasSamples))

        let replayed = try runVoicesim(binary, ["replay", path])
        #expect(replayed.status == 0)
        #expect(replayed.output.contains("the recording was not finished"))
        #expect(replayed.output.contains("session 1: identical: \(session.eventCount) events"))
    }

    @Test(
        "replay exits 0 when identical, 1 on a divergence with its report, 2 on a bad trace or session",
        .enabled(if: voicesimBinary() != nil, "voicesim is not built next to the tests (swift build --build-tests)"))
    func replayExitCodes() throws {
        let binary = try #require(voicesimBinary())
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let good = try recordSynthetic(path: path, seed: 31, durationMicros: 20_000_000, audio: .hash)
        // A second session whose stored setup differs from the core that recorded it.
        var call = SyntheticCall(seed: 32, durationMicros: 20_000_000)
        var stored = call.setup
        stored.server.speculativeHoldMicros = 50_000
        let recorder = try SessionRecorder(
            writer: TraceWriter(path: path), header: SessionHeader(origin: .sim, codeVersion: "test"), lanes: [stored],
            audio: .hash)
        while let step = call.next() {
            try recorder.record(input: step.input, output: step.output, at: step.time, digestAfter: step.digestAfter)
        }
        try recorder.finish(SessionSummary(ended: .zero, finalDigest: 0))

        let identical = try runVoicesim(binary, ["replay", path, "--session", "\(good.id)"])
        #expect(identical.status == 0 && identical.output.hasPrefix("session \(good.id): identical: "))

        let diverged = try runVoicesim(binary, ["replay", path])
        #expect(diverged.status == 1)
        #expect(diverged.output.contains("session \(recorder.sessionID): DIVERGED"))
        #expect(diverged.output.contains("expected (recorded):") && diverged.output.contains("actual (replayed):"))

        let json = try runVoicesim(binary, ["replay", path, "--all", "--json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        #expect(object["exitCode"] as? Int == 1 && sessions.count == 2)
        #expect(sessions[0]["identical"] as? Bool == true && sessions[1]["identical"] as? Bool == false)
        let divergence = try #require(sessions[1]["divergence"] as? [String: Any])
        #expect(divergence["kind"] as? String == "actions" && (divergence["expected"] as? [String])?.isEmpty == false)
        #expect((divergence["context"] as? [Any])?.count == 10)

        #expect(try runVoicesim(binary, ["replay", path, "--session", "99"]).status == 2)
        let garbage = directory.path("garbage.db")
        try Data(repeating: 0x5A, count: 8_192).write(to: URL(fileURLWithPath: garbage))
        #expect(try runVoicesim(binary, ["replay", garbage]).status == 2)
        #expect(try runVoicesim(binary, ["replay", directory.path("missing.db")]).status == 2)

        let inspected = try runVoicesim(binary, ["inspect", path, "--json"])
        #expect(inspected.status == 0)
        let inspection = try #require(
            try JSONSerialization.jsonObject(with: Data(inspected.output.utf8)) as? [String: Any])
        let rows = try #require(inspection["sessions"] as? [[String: Any]])
        #expect(
            rows.count == 2 && rows[0]["events"] as? Int == good.steps.count
                && rows[0]["audioMode"] as? String == "hash")
        let text = try runVoicesim(binary, ["inspect", path])
        #expect(text.status == 0 && text.output.contains("2 sessions") && text.output.contains("records"))
        #expect(try runVoicesim(binary, ["inspect", garbage]).status == 2)
    }
}

/// Every input a simulation applies, with its output and time, in order.
private final class InputCollector: SimulationObserver {
    var steps: [(input: MachineInput, output: MachineOutput, time: Instant)] = []

    func simulation(
        lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest
    ) {
        steps.append((input, output, time))
    }

    func simulation(lane: Int, mark: SimulationMark, at time: Instant) {}
}

import Recorder
import Testing
import VoiceCore
import VoiceSim

@Suite("Simulated calls recorded and replayed")
struct SimulationReplayTests {
    @Test(
        "every built-in scenario records and replays bit for bit, reaching the simulation's digest",
        arguments: BuiltinScenarios.names.filter { $0 != "v2-ten-minute-call" })
    func builtins(name: String) throws {
        let directory = TemporaryDirectory()
        let path = directory.path("\(name).db")
        let (id, result) = try recordSimulation(name, path: path, audio: .hash, options: .simulation)
        let report = try Replayer().replay(TraceReader(path: path), session: id)
        #expect(report.isIdentical, "\(report.divergence.map(\.description) ?? "")")
        #expect(report.finalDigest == result.digest && report.recordedFinalDigest == result.digest)
        #expect(report.eventsReplayed > 1_000 && report.recordingFinished)
    }

    @Test("the simulation's own recording tap gives a trace that replays identically, with its marks")
    func recordingTap() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("tap.db")
        let scenario = try #require(BuiltinScenarios.named("v2-flaky-network"))
        let recorded = try Simulation.runRecording(scenario: scenario, path: path, audio: .full)
        let reader = try TraceReader(path: path)
        let report = try Replayer().replay(reader, session: recorded.sessionID)
        #expect(report.isIdentical && report.finalDigest == recorded.result.digest)
        let marks = try reader.marks(session: recorded.sessionID)
        #expect(
            marks.contains { $0.kind.rawValue == "reconnect" } && marks.contains { $0.kind.rawValue == "turn_start" })
    }

    @Test(
        "10-minute call hash-only under 300 kB (its fingerprints and energies alone: ~175 kB); full audio under 0.6 of PCM"
    )
    func sizes() throws {
        let directory = TemporaryDirectory()
        let hashPath = directory.path("hash.db")
        let (hashID, _) = try recordSimulation("v2-ten-minute-call", path: hashPath, audio: .hash, options: .simulation)
        let hash = try TraceReader(path: hashPath).session(id: hashID)
        #expect(hash.storedBytes + hash.audioStoredBytes < 300_000, "hash-only: \(hash.storedBytes) bytes")

        let fullPath = directory.path("full.db")
        let (fullID, _) = try recordSimulation("v2-nominal", path: fullPath, audio: .full, options: .simulation)
        let reader = try TraceReader(path: fullPath)
        let full = try reader.session(id: fullID)
        let pcmBytes = try reader.recordedAudio(session: fullID).reduce(0) { $0 + 2 * Int64($1.samples.count) }
        let totals = try reader.audioTotals(session: fullID)
        #expect(pcmBytes > 3_000_000 && pcmBytes == totals.pcmBytes)
        #expect(
            full.storedBytes + full.audioStoredBytes < pcmBytes * 6 / 10,
            "full: \(full.storedBytes + full.audioStoredBytes) of \(pcmBytes)")
    }
}

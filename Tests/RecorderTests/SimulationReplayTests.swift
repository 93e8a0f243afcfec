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

    @Test("a hash-only trace keeps the energies of mic chunks, which the VAD reads, and of no other chunk")
    func energiesOfMicChunksOnly() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("barge-in.db")
        let (id, result) = try recordSimulation("v2-barge-in", path: path, audio: .hash, options: .simulation)
        let reader = try TraceReader(path: path)
        let events = try reader.events(session: id)
        var mic: [AudioChunk] = []
        var played: [AudioChunk] = []
        while let event = try events.next() {
            if case .client(_, .micCaptured(let chunk)) = event.input { mic.append(chunk) }
            if case .client(let actions) = event.output {
                for case .play(_, let chunk) in actions { played.append(chunk) }
            }
        }
        #expect(!mic.isEmpty && !played.isEmpty)
        #expect(mic.allSatisfy { $0.hasEnergies && $0.frameEnergies.count == 5 })
        #expect(played.allSatisfy { !$0.hasEnergies && $0.sampleCount > 0 })
        // The user speaks in this scenario: the recorded energies cross the VAD threshold.
        #expect(mic.contains { $0.frameEnergies.contains { $0 >= VADConfig().thresholdEnergy } })
        let report = try Replayer().replay(reader, session: id)
        #expect(report.isIdentical && report.finalDigest == result.digest)
    }

    @Test(
        "10-minute call hash-only under 180 kB (fingerprints and mic energies: ~66 kB); full audio under 0.6 of PCM"
    )
    func sizes() throws {
        let directory = TemporaryDirectory()
        let hashPath = directory.path("hash.db")
        let (hashID, _) = try recordSimulation("v2-ten-minute-call", path: hashPath, audio: .hash, options: .simulation)
        let hash = try TraceReader(path: hashPath).session(id: hashID)
        #expect(hash.storedBytes + hash.audioStoredBytes < 180_000, "hash-only: \(hash.storedBytes) bytes")

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

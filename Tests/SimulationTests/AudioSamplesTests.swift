import Testing
import VoiceCore
import VoiceSim

/// Counts the mic and TTS chunks a run delivers, with and without their samples.
private final class ChunkCounter: SimulationObserver {
    var withSamples = 0
    var summaryOnly = 0
    /// Chunks the VAD reads (mic) that lack energies, and reply chunks that have them.
    var micWithoutEnergies = 0
    var replyWithEnergies = 0

    func simulation(
        lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest
    ) {
        let chunk: AudioChunk? =
            switch input {
            case .client(_, .micCaptured(let chunk)): chunk
            case .server(_, .tts(.audio(_, let chunk, _))): chunk
            case .client, .server: nil
            }
        guard let chunk, chunk.sampleCount > 0 else { return }
        if chunk.hasSamples { withSamples += 1 } else { summaryOnly += 1 }
        if case .client = input, !chunk.hasEnergies { micWithoutEnergies += 1 }
        if case .server = input, chunk.hasEnergies { replyWithEnergies += 1 }
    }

    func simulation(lane: Int, mark: SimulationMark, at time: Instant) {}
}

@Suite("Audio samples in a run")
struct AudioSamplesTests {
    @Test("a run drops chunk samples once summarized unless asked to keep them, and digests do not change")
    func samplesDropped() throws {
        let scenario = try #require(BuiltinScenarios.named("v2-barge-in"))
        var counts: [(withSamples: Int, summaryOnly: Int)] = []
        var replyWithEnergies: [Int] = []
        var digests: [String] = []
        for keeps in [false, true] {
            let counter = ChunkCounter()
            var simulation = Simulation(scenario: scenario, observer: counter)
            simulation.keepsAudioSamples = keeps
            let result = simulation.run()
            counts.append((counter.withSamples, counter.summaryOnly))
            replyWithEnergies.append(counter.replyWithEnergies)
            digests.append(result.digestHex)
            #expect(result.invariantViolations.isEmpty)
            #expect(counter.micWithoutEnergies == 0, "the VAD reads every mic chunk's energies")
        }
        #expect(counts[0].withSamples == 0 && counts[0].summaryOnly > 1_000)
        #expect(counts[1].summaryOnly == 0 && counts[1].withSamples == counts[0].summaryOnly)
        // Without samples, reply chunks carry their fingerprint alone (nothing reads their energies).
        #expect(replyWithEnergies[0] == 0 && replyWithEnergies[1] > 100)
        #expect(digests[0] == digests[1])
    }
}

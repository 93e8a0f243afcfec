import TestSupport
import Testing
import VoiceCore

/// The buffer-reusing entry points of the machines give exactly what the array-returning ones do.
@Suite("Machines appending into a caller's buffer")
struct HandleIntoTests {
    @Test("handle(_:at:into:) appends what handle(_:at:) returns, after what the buffer held, with the same digests")
    func intoMatchesReturned() {
        for seed in UInt64(1)...30 {
            var client = ClientAgent(seed: seed)
            var server = ServerSession(seed: seed ^ 0xFF)
            var clientInto = client
            var serverInto = server
            // A buffer that is never emptied: each step must leave what earlier steps appended.
            var clientBuffer: [ClientAction] = [.connect]
            var serverBuffer: [ServerAction] = [.closeConnection]
            var clientExpected: [ClientAction] = [.connect]
            var serverExpected: [ServerAction] = [.closeConnection]
            for (now, clientEvent, serverEvent) in MachineDeterminismTests.inputs(seed: seed, count: 300) {
                clientExpected += client.handle(clientEvent, at: now)
                serverExpected += server.handle(serverEvent, at: now)
                clientInto.handle(clientEvent, at: now, into: &clientBuffer)
                serverInto.handle(serverEvent, at: now, into: &serverBuffer)
            }
            #expect(clientBuffer == clientExpected, "seed \(seed)")
            #expect(serverBuffer == serverExpected, "seed \(seed)")
            #expect(clientInto.digest.value == client.digest.value, "seed \(seed)")
            #expect(serverInto.digest.value == server.digest.value, "seed \(seed)")
            #expect(clientInto.actionCount == client.actionCount && serverInto.actionCount == server.actionCount)
            #expect(clientInto.stateDigest == client.stateDigest && serverInto.stateDigest == server.stateDigest)
            #expect(serverExpected.count > 1 && clientExpected.count > 1, "seed \(seed) exercised nothing")
        }
    }
}

/// Summaries made from raw memory, without an array of samples, equal the summary of the array.
@Suite("Audio summaries from a buffer")
struct AudioSummaryFromBufferTests {
    /// Lengths around the 16-sample fingerprint block and the 320-sample energy frame.
    static let lengths = [1, 2, 15, 16, 17, 31, 33, 319, 320, 321, 640, 1_599, 1_600, 1_601, 4_000]

    @Test("AudioChunk(summarizing:) has the fingerprint and energies of AudioChunk(samples:), and no samples")
    func summarizingMatches() {
        var random = RandomValues(seed: 42)
        for length in AudioSummaryFromBufferTests.lengths {
            let samples = random.samples(count: length)
            let whole = AudioChunk(samples: samples)
            let summary = samples.withUnsafeBufferPointer { AudioChunk(summarizing: $0) }
            #expect(summary == whole, "length \(length)")
            #expect(summary.fingerprint == whole.fingerprint && summary.sampleCount == length)
            #expect(summary.frameEnergies == whole.frameEnergies, "length \(length)")
            #expect(summary.hasEnergies && !summary.hasSamples, "length \(length)")
        }
    }

    @Test("AudioChunk(fingerprinting:) has the fingerprint of AudioChunk(samples:), and neither samples nor energies")
    func fingerprintingMatches() {
        var random = RandomValues(seed: 43)
        var fingerprints: Set<UInt64> = []
        for length in AudioSummaryFromBufferTests.lengths {
            let samples = random.samples(count: length)
            let whole = AudioChunk(samples: samples)
            let summary = samples.withUnsafeBufferPointer { AudioChunk(fingerprinting: $0) }
            #expect(summary == whole, "length \(length)")
            #expect(summary.fingerprint == whole.fingerprint && summary.sampleCount == length)
            #expect(!summary.hasEnergies && !summary.hasSamples, "length \(length)")
            fingerprints.insert(summary.fingerprint)
        }
        #expect(fingerprints.count == AudioSummaryFromBufferTests.lengths.count)
    }

    @Test("a one-sample change changes the fingerprint either way it is computed")
    func changedSampleChangesFingerprint() {
        var random = RandomValues(seed: 44)
        var samples = random.samples(count: 1_600)
        let before = samples.withUnsafeBufferPointer { AudioChunk(fingerprinting: $0) }
        samples[1_599] &+= 1
        let after = samples.withUnsafeBufferPointer { AudioChunk(fingerprinting: $0) }
        #expect(before.fingerprint != after.fingerprint)
        #expect(after.fingerprint == AudioChunk(samples: samples).fingerprint)
    }
}

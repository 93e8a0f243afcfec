import Testing
import VoiceCore

@testable import VoiceSim

struct MicLedgerTests {
    @Test("The ledger records sends and STT arrivals per chunk, past the room it reserved")
    func sendsAndArrivals() {
        // Room for two chunks: a third must still be recorded (the reservation is a hint, not a cap).
        var ledger = MicLedger(expectedChunks: 2)
        let chunks = (0..<3).map { index in
            AudioChunk(samples: [Int16](repeating: Int16(100 * (index + 1)), count: AudioFormat.micChunkSamples))
        }
        for (index, chunk) in chunks.enumerated() { ledger.captured(chunk, at: .millis(100 * Int64(index + 1))) }
        #expect(ledger.chunks.count == 3)
        #expect(ledger.chunks.allSatisfy { $0.lastSentAt == nil })
        ledger.sent(chunks[2], at: .millis(350))
        #expect(ledger.chunks.map(\.lastSentAt) == [nil, nil, .millis(350)])
        let first = ledger.reachedSTT(chunks[2])
        #expect(first?.index == 2 && first?.count == 1)
        let second = ledger.reachedSTT(chunks[2])
        #expect(second?.index == 2 && second?.count == 2)
        // Chunks 0 and 1 never reached STT although chunk 2 did: they are the loss.
        #expect(ledger.lostIndices == [0, 1])
    }
}

struct FingerprintIndexTests {
    @Test("The index keeps the first position of each fingerprint, through collisions and growth")
    func firstPositionThroughGrowth() {
        // Fingerprints equal in their low 32 bits all hash to one slot: every lookup probes past the others.
        let fingerprints: [UInt64] = (0..<100).map { UInt64($0 % 40) << 40 | 0x5 }
        var index = FingerprintIndex()
        for position in fingerprints.indices {
            index.insertIfAbsent(fingerprints[position], position: position) { fingerprints[$0] }
        }
        for position in fingerprints.indices {
            // Positions 40… repeat earlier fingerprints: the first occurrence (position % 40) is kept.
            #expect(index.position(of: fingerprints[position]) { fingerprints[$0] } == position % 40)
        }
        #expect(index.position(of: 0x7) { fingerprints[$0] } == nil)
        #expect(FingerprintIndex().position(of: 0x5) { _ in 0x5 } == nil)
    }
}

import TestSupport
import Testing
import VoiceCore

/// Hostile and random inputs against the two state machines: they must never trap,
/// and the same inputs must always give the same actions and digest.
@Suite("Machines under random inputs")
struct MachineDeterminismTests {
    /// Random events at rising, realistic times (the harness owns time; a peer owns the bytes).
    static func inputs(seed: UInt64, count: Int) -> [(Instant, ClientEvent, ServerEvent)] {
        var random = RandomValues(seed: seed)
        var now = Instant.zero
        var result: [(Instant, ClientEvent, ServerEvent)] = []
        for _ in 0..<count {
            now = now + random.prng.inRange(0, 250_000)
            result.append((now, random.clientEvent(), random.serverEvent()))
        }
        return result
    }

    static func drive(seed: UInt64, count: Int) -> (client: [[ClientAction]], server: [[ServerAction]], digests: [UInt64]) {
        var client = ClientAgent(seed: seed)
        var server = ServerSession(seed: seed ^ 0xFF)
        var clientActions: [[ClientAction]] = []
        var serverActions: [[ServerAction]] = []
        for (now, clientEvent, serverEvent) in inputs(seed: seed, count: count) {
            clientActions.append(client.handle(clientEvent, at: now))
            serverActions.append(server.handle(serverEvent, at: now))
        }
        return (clientActions, serverActions, [client.digest.value, server.digest.value])
    }

    @Test("Random event streams never trap and always give the same actions and digests")
    func sameInputsSameOutputs() {
        for seed in UInt64(1)...60 {
            let first = MachineDeterminismTests.drive(seed: seed, count: 400)
            let second = MachineDeterminismTests.drive(seed: seed, count: 400)
            #expect(first.client == second.client, "seed \(seed)")
            #expect(first.server == second.server, "seed \(seed)")
            #expect(first.digests == second.digests, "seed \(seed)")
        }
    }

    @Test("Different inputs give different digests")
    func differentInputsDifferentDigests() {
        var digests: Set<[UInt64]> = []
        for seed in UInt64(1)...40 { digests.insert(MachineDeterminismTests.drive(seed: seed, count: 200).digests) }
        #expect(digests.count == 40)
    }

    @Test("A hostile client cannot crash the server with extreme sequence numbers or lengths")
    func extremeSequenceNumbers() {
        var server = ServerSession(seed: 1)
        _ = server.handle(.clientConnected, at: .zero)
        _ = server.handle(.received(.hello(userID: "u", pipeline: .v1)), at: .zero)
        _ = server.handle(.admission(.granted), at: .zero)
        let chunk = AudioChunk(samples: [Int16](repeating: 100, count: 1_600))
        _ = server.handle(.received(.audio(seq: 1, chunk: chunk)), at: .millis(100))
        _ = server.handle(.received(.audio(seq: .max, chunk: chunk)), at: .millis(200))
        _ = server.handle(.received(.audio(seq: .max, chunk: chunk)), at: .millis(300))
        _ = server.handle(.received(.commit(lastSeq: .max)), at: .millis(400))
        _ = server.handle(.received(.interrupt(responseID: .max, playedMillis: .max)), at: .millis(500))
        #expect(server.usage.duplicateChunks == 1)
        #expect(server.usage.lostAudioMicros == Int64.max, "an absurd gap saturates instead of trapping")
        #expect(server.invariantViolations() == [])
    }

    @Test("A client ignores acknowledgements for audio it never sent")
    func bogusAcks() {
        var client = ClientAgent(seed: 1)
        _ = client.handle(.callStarted, at: .zero)
        _ = client.handle(.connected, at: .millis(10))
        _ = client.handle(.received(.welcome(sessionID: 1, resumeToken: 2, lastReceivedSeq: .max, resumed: false)),
                          at: .millis(20))
        _ = client.handle(.received(.ack(seq: .max)), at: .millis(30))
        #expect(client.replay.lastAckedSeq == 0)
        #expect(client.invariantViolations() == [])
    }
}

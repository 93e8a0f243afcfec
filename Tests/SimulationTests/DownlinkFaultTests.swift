import Testing
import VoiceCore

@testable import VoiceSim

/// Records the reply audio the server sent and the client received, in order, by fingerprint.
private final class AudioOrder: SimulationObserver {
    var sent: [UInt64] = []
    var received: [(fingerprint: UInt64, at: Instant)] = []

    func simulation(
        lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest
    ) {
        if case .client(_, .received(.responseAudio(_, let chunk))) = input {
            received.append((chunk.fingerprint, time))
        }
        if case .server(let actions) = output {
            for case .send(.responseAudio(_, let chunk)) in actions { sent.append(chunk.fingerprint) }
        }
    }

    func simulation(lane: Int, mark: SimulationMark, at time: Instant) {}
}

@Suite("Server → client duplicate, reorder and late delivery")
struct DownlinkFaultTests {
    /// One question and a long reply; `faults` are appended to the file.
    static func scenario(_ faults: String, downLatencyMillis: Int64 = 30) throws -> Scenario {
        try Scenario.parse("""
            name: downlink
            durationMs: 40000
            network: {down: {baseLatencyMs: \(downLatencyMillis), jitter: none}}
            providers:
              llm: {replyWordsMin: 30, replyWordsMax: 30}
            users:
              - replyTimeoutMs: 60000
                utterances:
                  - {text: "Tell me a short story about a lighthouse keeper.", atMs: 1000}
            faults:
            \(faults)
            """, fileName: "downlink.yaml")
    }

    private static func run(_ scenario: Scenario) -> (SimulationResult, AudioOrder) {
        let order = AudioOrder()
        var simulation = Simulation(scenario: scenario, observer: order)
        let result = simulation.run()
        return (result, order)
    }

    @Test("duplicateDown delivers every server message sent in the window twice")
    func duplicateDown() throws {
        let (result, order) = Self.run(try Self.scenario("  - {kind: duplicateDown, startMs: 0, durationMs: 40000}"))
        let reply = try #require(result.responses.first)
        #expect(reply.chunksSent > 0)
        #expect(reply.chunksReceived == 2 * reply.chunksSent)
        // The received fingerprints are the sent ones, each twice.
        #expect(order.received.map(\.fingerprint).sorted() == (order.sent + order.sent).sorted())
        let (plain, _) = Self.run(try Self.scenario("  - {kind: duplicate, startMs: 0, durationMs: 40000}"))
        #expect(plain.responses.first.map { $0.chunksReceived == $0.chunksSent } == true, "uplink duplicates only")
    }

    @Test("reorderDown lets later reply audio overtake earlier audio; nothing is lost")
    func reorderDown() throws {
        let (result, order) = Self.run(
            try Self.scenario("  - {kind: reorderDown, startMs: 0, durationMs: 40000, maxDelayMs: 300}"))
        let received = order.received.map(\.fingerprint)
        #expect(received.sorted() == order.sent.sorted())
        #expect(received != order.sent)
        #expect(result.responses.first.map { $0.chunksReceived == $0.chunksSent } == true)
        let (_, plainOrder) = Self.run(try Self.scenario("  - {kind: reorder, startMs: 0, durationMs: 40000, maxDelayMs: 300}"))
        #expect(plainOrder.received.map(\.fingerprint) == plainOrder.sent, "uplink reordering only")
    }

    @Test("lateDeliveryDown: audio in flight when the connection resets still reaches the client, later")
    func lateDeliveryDown() throws {
        // The reset comes 300 ms into the reply's audio, while 400 ms of downlink latency keeps chunks in flight.
        let reset = "  - {kind: connectionReset, name: cut, at: {after: firstTTSAudio, offsetMs: 300}}"
        let late = "\n  - {kind: lateDeliveryDown, at: {after: firstTTSAudio}, durationMs: 5000, extraMs: 700}"
        var lost = Simulation(scenario: try Self.scenario(reset, downLatencyMillis: 400))
        let lostResult = lost.run()
        let order = AudioOrder()
        var kept = Simulation(scenario: try Self.scenario(reset + late, downLatencyMillis: 400), observer: order)
        let keptResult = kept.run()
        let resetAt = try #require(kept.triggerFiredAt[0])
        #expect(lost.triggerFiredAt[0] == resetAt, "the same run up to the reset")
        let lostReply = try #require(lostResult.responses.first)
        let keptReply = try #require(keptResult.responses.first)
        #expect(keptReply.chunksSent == lostReply.chunksSent)
        #expect(keptReply.chunksReceived > lostReply.chunksReceived)
        // Both runs are the same up to the reset: the rescued chunks arrive after it.
        let afterReset = order.received.filter { $0.at > resetAt }
        #expect(afterReset.count >= keptReply.chunksReceived - lostReply.chunksReceived)
    }

    @Test("Downlink kinds parse, round-trip through YAML, and the fuzzer's generator produces them")
    func parseAndGenerate() throws {
        let scenario = try Self.scenario("""
              - {kind: duplicateDown, startMs: 100, durationMs: 200}
              - {kind: reorderDown, startMs: 100, durationMs: 200, maxDelayMs: 50}
              - {kind: lateDeliveryDown, startMs: 100, durationMs: 200, extraMs: 70}
            """)
        #expect(scenario.faults.faults.map(\.kind) == [.duplicateDown, .reorderDown(maxDelayMicros: 50_000),
                                                        .lateDeliveryDown(extraMicros: 70_000)])
        #expect(try Scenario.parse(scenario.yaml, fileName: "again.yaml") == scenario)
        var produced: Set<String> = []
        for seed in UInt64(1)...40 {
            for fault in SwarmScenario.make(seed: seed).faults.faults {
                switch fault.kind {
                case .duplicateDown, .reorderDown, .lateDeliveryDown: produced.insert(fault.kind.name)
                default: break
                }
            }
        }
        // duplicateDown waits for sequence numbers on server → client messages (SwarmScenario.ungeneratedKinds).
        #expect(produced == ["reorderDown", "lateDeliveryDown"])
    }
}

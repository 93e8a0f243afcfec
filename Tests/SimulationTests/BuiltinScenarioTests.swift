import Testing
import VoiceCore
import VoiceSim

/// Records what the server's LLM said per response and what the client did, for assertions.
final class ActionLog: SimulationObserver {
    var llmText: [UInt32: String] = [:]
    var clientSteps: [(time: Instant, input: ClientEvent, actions: [ClientAction])] = []
    var marks: [(time: Instant, mark: SimulationMark)] = []

    func simulation(lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64) {
        switch (input, output) {
        case (.server(_, .llm(.token(let id, let text))), _): llmText[id, default: ""] += text
        case (.client(_, let event), .client(let actions)): clientSteps.append((time, event, actions))
        default: break
        }
    }

    func simulation(lane: Int, mark: SimulationMark, at time: Instant) { marks.append((time, mark)) }
}

@Suite("Built-in scenarios")
struct BuiltinScenarioTests {
    static func run(_ name: String, seed: UInt64? = nil, observer: SimulationObserver? = nil)
        throws -> (Simulation, SimulationResult)
    {
        var simulation = Simulation(scenario: try #require(BuiltinScenarios.named(name)), seed: seed, observer: observer)
        let result = simulation.run()
        #expect(result.invariantViolations == [], "\(name)")
        return (simulation, result)
    }

    @Test("V2 answers within the seed's targets and V1 takes the seed's 8.4 s")
    func seedTable() throws {
        let (_, v2) = try BuiltinScenarioTests.run("v2-nominal")
        let (_, v1) = try BuiltinScenarioTests.run("v1-nominal")
        #expect(v2.answeredTurns == v2.turns.count && v2.turns.count == 3)
        #expect(v2.voiceToVoice.meanMicros < 2_000_000)
        #expect(v2.voiceToVoice.p95Micros < 4_000_000)
        #expect(abs(v1.voiceToVoice.meanMicros - 8_400_000) <= 840_000, "V1 mean \(v1.voiceToVoice.meanMicros)")
        #expect(v1.voiceToVoice.meanMicros > 3 * v2.voiceToVoice.meanMicros)
    }

    @Test("A barge-in stops playback in the same step, keeps only played text, and the cough interrupts nothing")
    func bargeIn() throws {
        let log = ActionLog()
        let (simulation, result) = try BuiltinScenarioTests.run("v2-barge-in", observer: log)
        #expect(result.interruptions == 1)
        let interrupts = log.clientSteps.filter { $0.actions.contains { if case .send(.interrupt) = $0 { true } else { false } } }
        #expect(interrupts.count == 1)
        let step = try #require(interrupts.first)
        guard case .micCaptured = step.input else {
            Issue.record("the interrupt must come from the VAD on a mic chunk, came from \(step.input)")
            return
        }
        let stopped = step.actions.compactMap { if case .stopPlayback(let id) = $0 { id } else { nil } }
        #expect(stopped.count == 1, "playback stops in the very step that detects speech (within one 100 ms frame)")
        let id = try #require(stopped.first)
        let playedAfter = log.clientSteps.filter { $0.time > step.time }
            .flatMap(\.actions).filter { if case .play(id, _) = $0 { true } else { false } }
        #expect(playedAfter.isEmpty)
        let cough = try #require(simulation.users[0].timeline.coughs.first)
        #expect(!interrupts.contains { $0.time >= cough.start && $0.time <= cough.end + 1_000_000 })
        let full = try #require(log.llmText[id])
        let kept = simulation.laneMachines[0].server.history
            .filter { $0.role == .assistant }.map(\.text)
        let truncated = try #require(kept.first { full.hasPrefix($0) && $0.count < full.count }, "history \(kept)")
        #expect(!truncated.isEmpty)
        #expect(full.utf8.dropFirst(truncated.utf8.count).first == 32, "cut at a word boundary")
    }

    @Test("The flaky network reconnects without losing audio and answers every turn")
    func flakyNetwork() throws {
        let log = ActionLog()
        let (simulation, result) = try BuiltinScenarioTests.run("v2-flaky-network", observer: log)
        #expect(result.reconnects >= 2)
        #expect(result.lostAudioMicros == 0)
        #expect(result.answeredTurns == result.turns.count)
        #expect(log.clientSteps.contains { $0.actions.contains(.showState(.reconnecting)) })
        #expect(simulation.laneMachines[0].client.metrics.chunksReplayed > 0, "unacknowledged audio was re-sent")
    }

    @Test("A cold start is just latency: the call connects late, loses nothing, answers everything")
    func coldStart() throws {
        let log = ActionLog()
        let (_, result) = try BuiltinScenarioTests.run("v2-cold-start", observer: log)
        let connected = try #require(log.clientSteps.first { $0.input == .connected })
        #expect(connected.time >= .millis(2_500))
        #expect(result.lostAudioMicros == 0)
        #expect(result.answeredTurns == result.turns.count)
    }

    @Test("Latency spikes show in the turns they hit, are marked, and the conversation carries on")
    func latencySpike() throws {
        let log = ActionLog()
        let (simulation, result) = try BuiltinScenarioTests.run("v2-latency-spike", observer: log)
        #expect(result.answeredTurns == result.turns.count)
        let faults = simulation.scenario.faults.faults
        let network = try #require(faults.first { $0.name == "network-spike" })
        let slowLLM = try #require(faults.first { $0.name == "slow-llm" })
        let calm = result.turns.filter { turn in faults.allSatisfy { turn.speechEndAt.micros < $0.startMicros - 5_000_000
            || turn.speechEndAt.micros > $0.endMicros + 5_000_000 } }
        let baseline = LatencyStats(calm.compactMap(\.voiceToVoiceMicros)).maxMicros
        let hitByNetwork = try #require(result.turns.first { network.isActive(at: $0.speechEndAt) })
        #expect(try #require(hitByNetwork.voiceToVoiceMicros) > baseline + 600_000)
        let hitByLLM = try #require(result.turns.first { $0.llmStartAt.map(slowLLM.isActive) ?? false })
        #expect(try #require(hitByLLM.llmFirstTokenMicros) > 2_500_000)
        #expect(log.marks.contains { $0.mark.kind == "latency_spike" && $0.time >= slowLLM.start
            && $0.time <= slowLLM.end + 10_000_000 })
    }

    @Test("A ten-minute call costs what its usage says, near the seed's estimate")
    func tenMinuteCall() throws {
        let (_, result) = try BuiltinScenarioTests.run("v2-ten-minute-call")
        #expect(result.simulatedMicros >= 600_000_000)
        #expect((30...45).contains(result.turns.count))
        let usage = try #require(result.usages.first)
        #expect(usage.sttMicros >= 595_000_000, "the mic streams for the whole call: ~$0.125 of STT")
        let expected = CostRates.seed.costMicroUSD(sttMicros: usage.sttMicros, llmInputTokens: usage.llmInputTokens,
                                                   llmOutputTokens: usage.llmOutputTokens, ttsCharacters: usage.ttsCharacters)
        #expect(result.costMicroUSD == expected)
        #expect(result.costMicroUSD > 200_000 && result.costMicroUSD < 600_000, "cost \(result.costMicroUSD) µ$")
    }

    @Test("The same seed gives the same digest and report; another seed a different digest")
    func determinism() throws {
        let (_, first) = try BuiltinScenarioTests.run("v2-flaky-network")
        let (_, second) = try BuiltinScenarioTests.run("v2-flaky-network")
        #expect(first.digest == second.digest)
        var firstJSON = first
        var secondJSON = second
        firstJSON.wallSeconds = 0
        secondJSON.wallSeconds = 0
        #expect(firstJSON.json.rendered() == secondJSON.json.rendered())
        let (_, other) = try BuiltinScenarioTests.run("v2-flaky-network", seed: 99)
        #expect(other.digest != first.digest)
    }
}

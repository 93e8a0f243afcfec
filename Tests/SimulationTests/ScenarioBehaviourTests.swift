import Testing
import VoiceCore
import VoiceSim

/// Every machine step of a run, its marks, and the text of each LLM attempt: what the
/// behaviour tests read beyond `SimulationResult`.
private final class RunLog: SimulationObserver {
    struct ClientStep {
        let time: Instant
        let event: ClientEvent
        let actions: [ClientAction]
    }

    struct ServerStep {
        let time: Instant
        let event: ServerEvent
        let actions: [ServerAction]
    }

    private(set) var clientSteps: [ClientStep] = []
    private(set) var serverSteps: [ServerStep] = []
    private(set) var marks: [(time: Instant, mark: SimulationMark)] = []
    /// What the LLM generated for each request, from its latest start (a retry starts over).
    private(set) var llmText: [UInt32: String] = [:]

    func simulation(
        lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest
    ) {
        switch (input, output) {
        case (.client(_, let event), .client(let actions)):
            clientSteps.append(ClientStep(time: time, event: event, actions: actions))
        case (.server(_, let event), .server(let actions)):
            if case .llm(.token(let requestID, let text)) = event { llmText[requestID, default: ""] += text }
            for case .llm(.start(let requestID, _, _)) in actions { llmText[requestID] = "" }
            serverSteps.append(ServerStep(time: time, event: event, actions: actions))
        default:
            Issue.record("input \(input) produced the other machine's output \(output)")
        }
    }

    func simulation(lane: Int, mark: SimulationMark, at time: Instant) { marks.append((time, mark)) }

    /// Client steps that sent an interrupt, with the response and the played milliseconds it reported.
    var interrupts: [(step: ClientStep, responseID: UInt32, playedMillis: UInt32)] {
        clientSteps.flatMap { step in
            step.actions.compactMap { action in
                guard case .send(.interrupt(let responseID, let playedMillis)) = action else { return nil }
                return (step, responseID, playedMillis)
            }
        }
    }

    /// Every mic-chunk sequence number the server received, in arrival order (re-sent ones again).
    var audioSeqsReceived: [UInt64] {
        serverSteps.compactMap { step in
            guard case .received(.audio(let seq, _)) = step.event else { return nil }
            return seq
        }
    }

    func timesConnected() -> [Instant] { clientSteps.filter { $0.event == .connected }.map(\.time) }
}

extension ClientAction {
    fileprivate func plays(_ responseID: UInt32) -> Bool {
        if case .play(responseID, _) = self { true } else { false }
    }

    fileprivate var isPlay: Bool {
        if case .play = self { true } else { false }
    }

    fileprivate var isInterruptOrStop: Bool {
        switch self {
        case .send(.interrupt), .stopPlayback: true
        default: false
        }
    }
}

/// Runs the built-in `name` and expects it to hold every invariant (which include "no
/// audio played after a barge-in stopped it") and every oracle.
private func simulate(
    _ name: String, seed: UInt64? = nil, log: RunLog? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws -> (Simulation, SimulationResult) {
    let scenario = try #require(BuiltinScenarios.named(name), "no built-in scenario \(name)", sourceLocation: sourceLocation)
    var simulation = Simulation(scenario: scenario, seed: seed, observer: log)
    let result = simulation.run()
    #expect(result.invariantViolations == [], "\(name) seed \(result.seed)", sourceLocation: sourceLocation)
    return (simulation, result)
}

/// Every turn of the script became a turn record, and each got an answer the caller heard.
private func expectEveryTurnAnswered(
    _ simulation: Simulation, _ result: SimulationResult, sourceLocation: SourceLocation = #_sourceLocation
) {
    let said = simulation.users.flatMap { $0.timeline.utterances.map(\.text) }
    let scripted = simulation.scenario.users.reduce(0) { $0 + $1.utterances.count }
    #expect(said.count == scripted, "utterances spoken \(said.count) of \(scripted)", sourceLocation: sourceLocation)
    #expect(result.turns.map(\.userText) == said, sourceLocation: sourceLocation)
    let unanswered = result.turns.filter { $0.firstPlayAt == nil }.map(\.userText)
    #expect(unanswered == [], "\(result.scenario) seed \(result.seed)", sourceLocation: sourceLocation)
}

/// Every turn is answered, except one whose speech never (fully) reached the server: an outage
/// longer than the replay buffer lost some of its mic chunks, as a counted gap.
private func expectTurnsAnsweredUnlessAudioLost(
    _ simulation: Simulation, _ result: SimulationResult, _ log: RunLog,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let received = Set(log.audioSeqsReceived)
    let chunkMicros = AudioFormat.micChunkMicros
    for utterance in simulation.users.flatMap(\.timeline.utterances) {
        guard let turn = result.turns.first(where: { $0.userText == utterance.text }), turn.firstPlayAt == nil else {
            continue
        }
        let seqs = UInt64(utterance.start.micros / chunkMicros + 1)...UInt64(utterance.end.micros / chunkMicros + 1)
        let lost = seqs.filter { !received.contains($0) }
        let comment: Comment = "\(result.scenario) seed \(result.seed): '\(utterance.text)' reached the server whole"
        #expect(!lost.isEmpty, comment, sourceLocation: sourceLocation)
    }
}

/// The server's usage counts each mic chunk it received once as STT audio, every re-received
/// one as a duplicate, and every sequence number it never got as lost audio.
private func expectAudioCountedOnce(
    _ usage: SessionUsage, _ log: RunLog, sourceLocation: SourceLocation = #_sourceLocation
) {
    let received = log.audioSeqsReceived
    let distinct = Set(received)
    let chunkMicros = AudioFormat.micChunkMicros
    #expect(usage.sttMicros == Int64(distinct.count) * chunkMicros,
            "STT \(usage.sttMicros) µs for \(distinct.count) distinct chunks", sourceLocation: sourceLocation)
    #expect(Int(usage.duplicateChunks) == received.count - distinct.count, sourceLocation: sourceLocation)
    let missing = Int64(distinct.max() ?? 0) - Int64(distinct.count)
    #expect(usage.lostAudioMicros == missing * chunkMicros, "\(missing) chunks never arrived", sourceLocation: sourceLocation)
}

@Suite("Built-in scenarios behave as designed")
struct ScenarioBehaviourTests {
    @Test("Every built-in scenario has a behaviour test in this file")
    func everyScenarioCovered() {
        let covered = [
            "v2-nominal", "v1-nominal", "v2-flaky-network", "v2-barge-in", "v2-cold-start", "v2-latency-spike",
            "v2-ten-minute-call",
        ]
        #expect(BuiltinScenarios.names == covered)
    }

    @Test("v2-nominal answers all three turns: mean voice to voice under 2 s, p95 under 4 s")
    func v2Nominal() throws {
        let (simulation, result) = try simulate("v2-nominal")
        expectEveryTurnAnswered(simulation, result)
        #expect(result.turns.count == 3)
        #expect(result.turns.allSatisfy { $0.heardText != nil && !$0.interrupted })
        #expect(result.voiceToVoice.meanMicros < 2_000_000, "mean \(result.voiceToVoice.meanMicros) µs")
        #expect(result.voiceToVoice.p95Micros < 4_000_000, "p95 \(result.voiceToVoice.p95Micros) µs")
        // The seed's V2 stages: LLM first token under 1 s, TTS first audio about 0.4 s.
        for turn in result.turns {
            #expect(try #require(turn.llmFirstTokenMicros) < 1_000_000, "\(turn.userText)")
            #expect(try #require(turn.ttsFirstAudioMicros) < 600_000, "\(turn.userText)")
        }
        #expect(result.interruptions == 0)
        #expect(result.reconnects == 0)
        #expect(result.lostAudioMicros == 0)
        #expect(result.usages.map(\.turns) == [3])
    }

    @Test("v1-nominal takes the seed's 8.4 s (±10 %) voice to voice; V2 is at least 3× faster on the same script")
    func v1AgainstV2() throws {
        let (v1Simulation, v1) = try simulate("v1-nominal")
        let (v2Simulation, v2) = try simulate("v2-nominal")
        #expect(v1.pipeline == .v1 && v2.pipeline == .v2)
        #expect(v1Simulation.scenario.users == v2Simulation.scenario.users, "the same script")
        expectEveryTurnAnswered(v1Simulation, v1)
        #expect(v1.turns.count == 3)
        let v1Mean = v1.voiceToVoice.meanMicros
        #expect(abs(v1Mean - 8_400_000) <= 840_000, "V1 mean \(v1Mean) µs")
        #expect(v1Mean >= 3 * v2.voiceToVoice.meanMicros, "V1 \(v1Mean) µs, V2 \(v2.voiceToVoice.meanMicros) µs")
        // V1's REST stages as calibrated: LLM 3.3 s and TTS 2.0 s, each ±10 %.
        for turn in v1.turns {
            #expect((2_970_000...3_630_000).contains(try #require(turn.llmFirstTokenMicros)), "\(turn.userText)")
            #expect((1_800_000...2_200_000).contains(try #require(turn.ttsFirstAudioMicros)), "\(turn.userText)")
        }
    }

    @Test("v2-barge-in: exactly the scripted barge-in interrupts, 2.5 s into the answer; the cough interrupts nothing")
    func bargeInIsTheOnlyInterruption() throws {
        let log = RunLog()
        let (simulation, result) = try simulate("v2-barge-in", log: log)
        expectEveryTurnAnswered(simulation, result)
        let timeline = simulation.users[0].timeline
        let bargeIns = timeline.utterances.filter(\.isBargeIn)
        #expect(bargeIns.count == 1)
        #expect(result.interruptions == 1)
        #expect(result.clientMetrics.map(\.bargeIns) == [1])
        #expect(result.turns.map(\.interrupted) == [true, false, false, false])
        let interrupts = log.interrupts
        #expect(interrupts.count == 1, "\(interrupts.map(\.step.time))")
        let bargeIn = try #require(bargeIns.first)
        let interrupt = try #require(interrupts.first)
        #expect(interrupt.responseID == result.turns[0].responseID)

        // The caller starts talking 2.5 s after the answer's first sound (at the next mic sample).
        let firstPlay = try #require(log.clientSteps.first { $0.actions.contains { $0.plays(interrupt.responseID) } })
        let intoAnswer = bargeIn.start.micros(since: firstPlay.time)
        #expect((2_500_000...2_600_000).contains(intoAnswer), "barge-in \(intoAnswer) µs into the answer")
        // The VAD needs 10 voiced 20 ms frames (200 ms) and decides per 100 ms chunk.
        let detection = interrupt.step.time.micros(since: bargeIn.start)
        #expect((200_000...400_000).contains(detection), "interrupt \(detection) µs after the barge-in began")

        // The cough lands while an answer is playing, so it could have interrupted; it must not.
        #expect(timeline.coughs.count == 1)
        let cough = try #require(timeline.coughs.first)
        let playingDuringCough = log.clientSteps.contains { step in
            step.time >= cough.start && step.time <= cough.end && step.actions.contains { $0.isPlay }
        }
        #expect(playingDuringCough, "cough \(cough.start)–\(cough.end) falls inside an answer")
        let nearCough = log.clientSteps.filter { step in
            step.time >= cough.start && step.time <= cough.end + 1_000_000 && step.actions.contains { $0.isInterruptOrStop }
        }
        #expect(nearCough.isEmpty, "stopped or interrupted at \(nearCough.map(\.time)) near the cough at \(cough.start)")
        let coughedOver = try #require(result.turns.last { ($0.firstPlayAt ?? cough.end) < cough.start })
        #expect(!coughedOver.interrupted, "\(coughedOver.userText)")
    }

    @Test("v2-barge-in: playback stops in the mic step where the VAD confirms speech, and never resumes")
    func bargeInStopsWithinOneFrame() throws {
        let log = RunLog()
        let (simulation, result) = try simulate("v2-barge-in", log: log)
        let interrupt = try #require(log.interrupts.first)
        let step = interrupt.step
        guard case .micCaptured = step.event else {
            Issue.record("the interrupt must come from the VAD on a mic chunk, came from \(step.event)")
            return
        }
        // An independent VAD with the client's config, fed the same chunks, confirms speech in this very chunk.
        var vad = EnergyVAD(config: simulation.laneSetups[0].client.vad)
        let bargeInStart = try #require(simulation.users[0].timeline.utterances.first { $0.isBargeIn }).start
        var confirmedAt: Instant?
        for mic in log.clientSteps {
            guard case .micCaptured(let chunk) = mic.event else { continue }
            let transitions = vad.process(frameEnergies: chunk.frameEnergies, chunkEnd: mic.time)
            if mic.time >= bargeInStart, confirmedAt == nil,
                transitions.contains(where: { if case .speechStarted = $0 { true } else { false } })
            {
                confirmedAt = mic.time
            }
        }
        #expect(confirmedAt == step.time, "VAD confirmed at \(String(describing: confirmedAt)), stopped at \(step.time)")

        // Same step: stop first, then the interrupt; nothing of that response plays afterwards.
        let stopIndex = try #require(step.actions.firstIndex(of: .stopPlayback(responseID: interrupt.responseID)))
        let sendIndex = try #require(step.actions.firstIndex { if case .send(.interrupt) = $0 { true } else { false } })
        #expect(stopIndex < sendIndex)
        #expect(!step.actions[stopIndex...].contains { $0.plays(interrupt.responseID) })
        let playedLater = log.clientSteps.filter { $0.time >= step.time && $0.actions.contains { $0.plays(interrupt.responseID) } }
        #expect(playedLater.isEmpty, "played again at \(playedLater.map(\.time))")
        #expect(log.clientSteps.filter { $0.actions.contains { $0.isInterruptOrStop } }.count == 1)

        // played_ms reports what was heard: from the first sound to the stop, within one frame.
        let firstPlay = try #require(log.clientSteps.first { $0.actions.contains { $0.plays(interrupt.responseID) } })
        let heardMicros = step.time.micros(since: firstPlay.time)
        #expect(abs(Int64(interrupt.playedMillis) * 1_000 - heardMicros) <= AudioFormat.micChunkMicros,
                "played \(interrupt.playedMillis) ms, heard \(heardMicros) µs")
        #expect(result.invariantViolations == [])
    }

    @Test("v2-barge-in: the interrupted answer stays in history only as the words played, cut at a word boundary")
    func bargeInKeepsOnlyPlayedText() throws {
        let log = RunLog()
        let (simulation, result) = try simulate("v2-barge-in", log: log)
        let history = simulation.laneMachines[0].server.history
        let assistantLines = history.filter { $0.role == .assistant }.map(\.text)
        let responseIDs = result.turns.compactMap(\.responseID)
        #expect(assistantLines.count == responseIDs.count, "history \(history)")
        guard assistantLines.count == responseIDs.count, let interruptedID = responseIDs.first else { return }
        #expect(log.interrupts.map(\.responseID) == [interruptedID])

        let full = try #require(log.llmText[interruptedID])
        let kept = assistantLines[0]
        #expect(!kept.isEmpty)
        #expect(full.hasPrefix(kept) && kept.count < full.count, "kept \"\(kept)\" of \"\(full)\"")
        if full.hasPrefix(kept) && kept.count < full.count {
            #expect(full.dropFirst(kept.count).first == " ", "cut inside a word: \"\(kept)\" of \"\(full)\"")
        }
        // About 2.7 s of a 35–45-word answer was played: a few words, far less than half.
        let keptWords = kept.split(separator: " ").count
        let fullWords = full.split(separator: " ").count
        #expect(keptWords >= 2 && 2 * keptWords < fullWords, "kept \(keptWords) of \(fullWords) words")
        // Answers that were not interrupted are kept whole.
        for (line, responseID) in zip(assistantLines, responseIDs).dropFirst() {
            #expect(line == log.llmText[responseID], "response \(responseID)")
        }
    }

    @Test("v2-flaky-network: reconnects, resumes the session, loses no audio, counts no re-sent chunk twice, answers all")
    func flakyNetwork() throws {
        let log = RunLog()
        let (simulation, result) = try simulate("v2-flaky-network", log: log)
        expectEveryTurnAnswered(simulation, result)
        #expect(result.turns.count == 6)
        // Two resets and two partitions: the world breaks the connection at the start of each.
        let breaks = simulation.scenario.faults.connectionBreaks.count
        #expect(breaks == 4)
        #expect(result.reconnects >= breaks, "disconnects \(result.reconnects)")
        let metrics = try #require(result.clientMetrics.first)
        #expect(metrics.sessionRestarts == 0 && metrics.resumes >= UInt32(breaks), "\(metrics)")
        #expect(metrics.chunksReplayed > 0, "unacknowledged audio was re-sent")

        let usage = try #require(result.usages.first)
        #expect(result.usages.count == 1, "one session for the whole call")
        #expect(usage.lostAudioMicros == 0)
        expectAudioCountedOnce(usage, log)

        // The caller saw "Reconnecting…", and each time the call came back.
        let shown = log.clientSteps.flatMap(\.actions).compactMap { if case .showState(let state) = $0 { state } else { nil } }
        let reconnecting = shown.indices.filter { shown[$0] == .reconnecting }
        #expect(!reconnecting.isEmpty)
        for index in reconnecting {
            #expect(shown[index...].contains(.listening), "stuck after the reconnect at state #\(index)")
        }
        #expect(!shown.contains(.failed))
    }

    @Test("v2-cold-start: connects only after the 2.5 s cold start, and again after the 2 s cold instance, losing no audio")
    func coldStart() throws {
        let log = RunLog()
        let (simulation, result) = try simulate("v2-cold-start", log: log)
        expectEveryTurnAnswered(simulation, result)
        #expect(result.turns.count == 3)
        let scenario = simulation.scenario
        #expect(scenario.server.coldStartMicros == 2_500_000)
        let connected = log.timesConnected()
        let first = try #require(connected.first)
        #expect(first.micros >= scenario.server.coldStartMicros, "connected at \(first)")
        // The caller spoke before the server was up; the replay buffer carried that audio.
        let firstWords = try #require(simulation.users[0].timeline.utterances.first)
        #expect(firstWords.start < first)
        #expect(log.audioSeqsReceived.first == 1, "the first mic chunk reached the server")

        let resetAt = try #require(scenario.faults.connectionBreaks.first)
        let coldMicros = scenario.faults.coldStartDelayMicros(at: resetAt)
        #expect(coldMicros == 2_000_000)
        let again = try #require(connected.first { $0 > resetAt }, "connected at \(connected)")
        #expect(again.micros(since: resetAt) >= coldMicros, "reconnected at \(again) after the reset at \(resetAt)")
        #expect(result.reconnects >= 1)

        let usage = try #require(result.usages.first)
        #expect(result.usages.count == 1)
        #expect(usage.lostAudioMicros == 0)
        expectAudioCountedOnce(usage, log)
    }

    @Test("v2-latency-spike: a latency-spike mark for a turn inside each spike window")
    func latencySpikeMarks() throws {
        let log = RunLog()
        let (simulation, result) = try simulate("v2-latency-spike", log: log)
        let windows = simulation.scenario.faults.faults.filter { fault in
            switch fault.kind {
            case .latencySpike, .providerSlow: true
            default: false
            }
        }
        #expect(windows.map(\.name) == ["network-spike", "slow-llm"])
        let spikeTimes = log.marks.filter { $0.mark.kind == "latency_spike" }.map(\.time)
        var markedTurns: [String] = []
        for window in windows {
            // A turn is inside the window when the way from its end of speech to its answer crosses it.
            let inside = result.turns.filter { turn in
                guard let answered = turn.firstPlayAt else { return false }
                return turn.speechEndAt < window.end && answered >= window.start
            }
            #expect(!inside.isEmpty, "no turn inside \(window.name)")
            let marked = inside.filter { turn in spikeTimes.contains { $0 == turn.firstPlayAt } }
            markedTurns += marked.map(\.userText)
            let latencies = inside.map { "\($0.userText): \(($0.voiceToVoiceMicros ?? 0) / 1_000) ms" }
            #expect(!marked.isEmpty, "\(window.name): no latency_spike mark; turns inside: \(latencies)")
        }
        // And no spike marks elsewhere.
        #expect(spikeTimes.count == markedTurns.count, "marks at \(spikeTimes)")
    }

    @Test("v2-latency-spike: the conversation carries on through both spikes and is back to normal after")
    func latencySpikeCarriesOn() throws {
        let (simulation, result) = try simulate("v2-latency-spike")
        expectEveryTurnAnswered(simulation, result)
        #expect(result.turns.count == 5)
        // Nothing in this scenario barges in, and the caller waits long enough for the slow answer.
        let interrupted = result.turns.filter(\.interrupted).map(\.userText)
        #expect(result.interruptions == 0, "interrupted: \(interrupted)")
        #expect(result.reconnects == 0)
        #expect(result.lostAudioMicros == 0)
        let healed = simulation.scenario.faults.healedAt
        let after = result.turns.filter { $0.speechEndAt > healed }
        #expect(!after.isEmpty)
        for turn in after {
            #expect(try #require(turn.voiceToVoiceMicros) < 2_500_000, "\(turn.userText) after the spikes")
        }
    }

    @Test("v2-ten-minute-call: 30–45 turns over ten simulated minutes, at a cost its usage explains")
    func tenMinuteCall() throws {
        let log = RunLog()
        let (simulation, result) = try simulate("v2-ten-minute-call", log: log)
        expectEveryTurnAnswered(simulation, result)
        #expect((30...45).contains(result.turns.count), "\(result.turns.count) turns")
        #expect(result.interruptions == 0 && result.reconnects == 0 && result.lostAudioMicros == 0)
        // Ten minutes to the hang-up, then at most the drain for the session to close.
        #expect(result.simulatedMicros >= 600_000_000 && result.simulatedMicros <= 660_000_000)
        let lastWords = try #require(simulation.users[0].timeline.utterances.last)
        #expect(lastWords.end.micros >= 540_000_000, "the talk spans the call; last words at \(lastWords.end)")

        let usage = try #require(result.usages.first)
        #expect(result.usages.count == 1)
        let turns = UInt64(result.turns.count)
        let requests = UInt64(log.serverSteps.flatMap(\.actions).filter {
            if case .llm(.start) = $0 { true } else { false }
        }.count)
        // STT: the mic streams the whole 600 s (less the first chunk's connect) → $0.1240–$0.1250.
        #expect((595_000_000...600_000_000).contains(usage.sttMicros), "STT \(usage.sttMicros) µs")
        // LLM output: 10–30 words a reply (+ words of speculative attempts that were restarted).
        #expect((10 * turns...30 * turns + 30 * (requests - turns)).contains(usage.llmOutputTokens),
                "\(usage.llmOutputTokens) output tokens, \(turns) turns, \(requests) requests")
        // TTS: every token is spoken; vocabulary words are 3–8 letters plus a space.
        #expect((4 * usage.llmOutputTokens...9 * usage.llmOutputTokens).contains(usage.ttsCharacters),
                "\(usage.ttsCharacters) TTS characters")
        // LLM input: a 400-token system prompt plus at most 20 history lines (~15–60 tokens each) per request.
        #expect((400 * requests...(400 + 20 * 60) * requests).contains(usage.llmInputTokens),
                "\(usage.llmInputTokens) input tokens for \(requests) requests")
        #expect(result.costMicroUSD == CostRates.seed.costMicroUSD(usage))
        // Priced by the seed's rates: STT ≈ $0.125, TTS ≈ 5K chars ≈ $0.15, LLM input ≈ 33K tokens ≈ $0.10,
        // output ≈ 840 tokens ≈ $0.013: ≈ $0.39. (The seed's own $0.245 assumed 1.5K TTS characters and
        // 5K tokens; this caller hears about 20 words per answer for 40 answers.)
        #expect((300_000...450_000).contains(result.costMicroUSD), "cost \(formatUSD(microUSD: result.costMicroUSD))")
    }

    @Test(
        "Twelve seeds each of v2-flaky-network and v2-barge-in: no invariant breaks, every turn heard is answered",
        arguments: ["v2-flaky-network", "v2-barge-in"], Array(UInt64(1)...12))
    func swarm(name: String, seed: UInt64) throws {
        let log = RunLog()
        let (simulation, result) = try simulate(name, seed: seed, log: log)
        expectTurnsAnsweredUnlessAudioLost(simulation, result, log)
        let usage = try #require(result.usages.first)
        #expect(result.usages.count == 1, "\(name) seed \(seed): one session")
        expectAudioCountedOnce(usage, log)
        // Audio may be lost only when an outage outlasted the 5 s replay buffer, and then the
        // client counted it as evicted: never silently.
        let evicted = simulation.laneMachines[0].client.replay.evictedUnackedMicros
        #expect(usage.lostAudioMicros <= evicted, "\(name) seed \(seed): lost \(usage.lostAudioMicros) µs, evicted \(evicted) µs")
        guard name == "v2-barge-in" else { return }
        // The scripted barge-in interrupts the first answer; every interrupt follows the onset
        // of real speech (the barge-in, or a caller who stopped waiting), never the cough.
        #expect(result.turns.first?.interrupted == true, "seed \(seed)")
        let timeline = simulation.users[0].timeline
        for interrupt in log.interrupts {
            let cause = timeline.utterances.last { $0.start <= interrupt.step.time }
            let sinceOnset = cause.map { interrupt.step.time.micros(since: $0.start) } ?? .max
            #expect(sinceOnset <= 400_000, "seed \(seed): interrupt at \(interrupt.step.time), no speech began just before")
        }
        #expect(result.interruptions == log.interrupts.count)
    }
}

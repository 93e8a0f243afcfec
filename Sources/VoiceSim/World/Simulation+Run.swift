import VoiceCore

extension Simulation {
    /// Runs the scenario to its end (the hang-up, plus time for sessions to close).
    /// - Complexity: O(events · log(events))
    public mutating func run() -> SimulationResult {
        for index in lanes.indices {
            lanes[index].tts.keepsSamples = keepsAudioSamples
            let lane = lanes[index]
            queue.push(.micTick(lane: index), at: lane.callStart + AudioFormat.micChunkMicros)
            deliverToClient(index, .callStarted, connection: unbound, at: lane.callStart)
            queue.push(.hangUp(lane: index), at: lane.callEnd)
            for breakAt in faults.connectionBreaks {
                queue.push(.connectionBreaks(lane: index), at: breakAt)
            }
        }
        let deadline = Instant(micros: scenario.durationMicros + Simulation.drainMicros)
        while let next = queue.popNext() {
            if next.time > deadline { break }
            eventsProcessed += 1
            dispatch(next.payload, at: next.time)
        }
        // Popping the first event past the deadline moved the clock there; the run ended before it.
        let end = min(queue.now, deadline)
        finishOracles(end)
        return result(endedAt: end)
    }

    /// After the hang-up, time allowed for byes, closes and session accounting to settle.
    static let drainMicros: Int64 = 60_000_000

    /// Takes the event it was given: borrowed, the popped event was destroyed after the step as
    /// an optional, through the value witnesses of an enum this large (about 2.3 M instructions
    /// in a ten-minute call).
    private mutating func dispatch(_ event: consuming SimEvent, at now: Instant) {
        switch consume event {
        case .micTick(let lane):
            micTick(lane, now)
        case .toClient(let lane, let connection, let clientEvent):
            let stale = connection != unbound && (connection != lanes[lane].connection || lanes[lane].connectionDead)
            if stale, !isDisconnect(clientEvent) || connection != lanes[lane].connection {
                replyLost(lane, clientEvent, now)
                return
            }
            feedClient(lane, clientEvent, now)
        case .toServer(let lane, let connection, let serverEvent):
            guard connection == unbound || connection == lanes[lane].serverConnection else { return }
            if connection != unbound, case .clientDisconnected = serverEvent { lanes[lane].serverConnection = unbound }
            feedServer(lane, serverEvent, now)
        case .clientTimer(let lane, let timer, let generation):
            guard lanes[lane].clientTimers.fire(Int(timer.rawValue), generation: generation) else { return }
            feedClient(lane, .timerFired(timer), now)
        case .serverTimer(let lane, let timer, let generation):
            guard lanes[lane].serverTimers.fire(Int(timer.rawValue), generation: generation) else { return }
            if timer == .resumeGrace { observe(.graceExpiry, lane: lane, now) }
            feedServer(lane, .timerFired(timer), now)
        case .connectionOpens(let lane, let connection):
            connectionOpens(lane, connection, now)
        case .connectionBreaks(let lane):
            breakConnection(lane, now)
        case .stt(let lane, let generation, let sttEvent):
            guard generation == lanes[lane].sttGeneration else { return }
            feedServer(lane, .stt(sttEvent), now)
        case .llm(let lane, let generation, let llmEvent):
            guard lanes[lane].llmAttempts.contains(where: { $0.generation == generation }) else { return }
            lanes[lane].oracle.llmEvent(llmEvent, generation: generation, now, step: eventsProcessed)
            if case .done(let requestID, _, _) = llmEvent { finishLLMAttempt(lane, requestID) }
            if case .failed(let requestID, _) = llmEvent { finishLLMAttempt(lane, requestID) }
            feedServer(lane, .llm(llmEvent), now)
        case .tts(let lane, let ttsEvent):
            let cancelled = lanes[lane].ttsCancelled.contains(ttsEvent.responseID)
            lanes[lane].oracle.ttsEvent(ttsEvent, delivered: !cancelled)
            if cancelled { return }
            feedServer(lane, .tts(ttsEvent), now)
        case .hangUp(let lane):
            lanes[lane].micRunning = false
            feedClient(lane, .callEnded, now)
        }
    }

    private mutating func micTick(_ lane: Int, _ now: Instant) {
        guard lanes[lane].micRunning else { return }
        let chunk = keepsAudioSamples ? lanes[lane].user.micChunk(endingAt: now)
            : lanes[lane].user.micChunk(endingAt: now, summarizingIn: &audioScratch)
        logFinishedUtterances(lane, now)
        feedClient(lane, .micCaptured(chunk), now)
        queue.push(.micTick(lane: lane), at: now + AudioFormat.micChunkMicros)
    }

    /// Opens a turn record for each utterance the user finished by `now`.
    private mutating func logFinishedUtterances(_ lane: Int, _ now: Instant) {
        // Counts first: most mic ticks finish no utterance, and need no copy of the timeline.
        while lanes[lane].utterancesLogged < lanes[lane].user.timeline.utterances.count {
            let utterance = lanes[lane].user.timeline.utterances[lanes[lane].utterancesLogged]
            guard utterance.end <= now, !utterance.words.isEmpty else { return }
            lanes[lane].utterancesLogged += 1
            lanes[lane].turns.append(TurnRecord(lane: lane, userText: utterance.text, speechEndAt: utterance.end))
            observer?.simulation(lane: lane, mark: .turnStart(utterance.text), at: utterance.start)
        }
    }

    mutating func deliverToClient(_ lane: Int, _ event: ClientEvent, connection: UInt32, at time: Instant) {
        queue.push(.toClient(lane: lane, connection: connection, event), at: time)
    }

    mutating func deliverToServer(_ lane: Int, _ event: ServerEvent, connection: UInt32, at time: Instant) {
        queue.push(.toServer(lane: lane, connection: connection, event), at: time)
    }

    private mutating func feedClient(_ lane: Int, _ event: ClientEvent, _ now: Instant) {
        if case .received(.responseAudio(let responseID, _)) = event {
            lanes[lane].withResponse(responseID) { $0.chunksReceived += 1 }
        }
        lanes[lane].oracle.clientInput(event, now, step: eventsProcessed)
        // The buffer leaves `self` while the step runs (performing an action mutates `self`).
        var actions: [ClientAction] = []
        swap(&actions, &clientActions)
        lanes[lane].machines.client.handle(event, at: now, into: &actions)
        observer?.simulation(lane: lane, input: .client(lane: UInt32(lane), event), output: .client(actions), at: now,
                             digestAfter: lanes[lane].machines.digest, stateAfter: { lanes[lane].machines.stateDigest })
        performAllClient(lane, actions, now)
        Simulation.empty(&actions)
        swap(&actions, &clientActions)
        lanes[lane].oracle.clientStepDone(now)
        checkInvariants(lane, client: true, now)
    }

    private mutating func feedServer(_ lane: Int, _ event: ServerEvent, _ now: Instant) {
        noteServerInput(lane, event, now)
        let restartsBefore = lanes[lane].machines.server.counters.speculativeRestarts
        let (activeBefore, currentBefore) = lanes[lane].machines.server.activity
        lanes[lane].oracle.serverInput(event, now, connectionOpen: lanes[lane].serverConnection != unbound,
                                       active: activeBefore)
        // The buffer leaves `self` while the step runs (performing an action mutates `self`).
        var actions: [ServerAction] = []
        swap(&actions, &serverActions)
        lanes[lane].machines.server.handle(event, at: now, into: &actions)
        if lanes[lane].machines.server.counters.speculativeRestarts != restartsBefore, let currentBefore {
            lanes[lane].withResponse(currentBefore) { $0.speculativeRestart = true }
        }
        observer?.simulation(lane: lane, input: .server(lane: UInt32(lane), event), output: .server(actions), at: now,
                             digestAfter: lanes[lane].machines.digest, stateAfter: { lanes[lane].machines.stateDigest })
        performAllServer(lane, actions, now)
        Simulation.empty(&actions)
        swap(&actions, &serverActions)
        if lanes[lane].oracle.provider.hasOpenStreams {
            let (active, current) = lanes[lane].machines.server.activity
            lanes[lane].oracle.serverStepDone(now, active: active, current: current)
        }
        checkInvariants(lane, client: false, now)
    }

    /// Empties a step's buffer, keeping its capacity. A step leaves one or two actions, and
    /// popping them costs less than `removeAll(keepingCapacity:)`, which replaces a subrange.
    private static func empty<Action>(_ actions: inout [Action]) {
        while actions.popLast() != nil {}
    }

    /// Carries out `actions` in order, each borrowed from the memory where it lies: no copy of an
    /// action's payload (audio, text) to retain and release (an array's subscript copies the
    /// element out), and no moving actions around.
    private mutating func performAllClient(_ lane: Int, _ actions: borrowing [ClientAction], _ now: Instant) {
        actions.withUnsafeBufferPointer { buffer in
            for index in buffer.indices { performClient(lane, buffer[index], now) }
        }
    }

    private mutating func performAllServer(_ lane: Int, _ actions: borrowing [ServerAction], _ now: Instant) {
        actions.withUnsafeBufferPointer { buffer in
            for index in buffer.indices { performServer(lane, buffer[index], now) }
        }
    }

    /// Checks the machine that just stepped; reading it through `inout` avoids copying its state.
    private mutating func checkInvariants(_ lane: Int, client: Bool, _ now: Instant) {
        let broken = client ? ClientAgent.invariantViolations(of: &lanes[lane].machines.client)
            : ServerSession.invariantViolations(of: &lanes[lane].machines.server)
        for violation in broken {
            let described = "\(now) lane \(lane): \(violation)"
            invariantViolations.append(described)
            observer?.simulation(lane: lane, mark: .invariantFailure(violation), at: now)
        }
    }
}

extension TTSEvent {
    var responseID: UInt32 {
        switch self {
        case .audio(let responseID, _, _), .done(let responseID), .failed(let responseID, _): responseID
        }
    }
}

import VoiceCore

extension Simulation {
    /// Carries out one server action in the simulated world.
    mutating func performServer(_ lane: Int, _ action: borrowing ServerAction, _ now: Instant) {
        lanes[lane].oracle.serverAction(action, now, step: eventsProcessed)
        switch action {
        case .send(let message):
            sendToClient(lane, message, now)
        case .closeConnection:
            closeFromServer(lane, now)
        case .requestAdmission(let userID, _):
            let admission = manager.admit(userID: userID, at: now)
            deliverToServer(lane, .admission(admission), connection: unbound, at: now)
        case .stt(let command):
            stt(lane, command, now)
        case .llm(let command):
            llm(lane, command, now)
        case .tts(let command):
            tts(lane, command, now)
        case .setTimer(let timer, let due):
            let generation = lanes[lane].serverTimers.arm(Int(timer.rawValue))
            queue.push(.serverTimer(lane: lane, timer, generation: generation), at: max(due, now))
        case .cancelTimer(let timer):
            lanes[lane].serverTimers.cancel(Int(timer.rawValue))
        case .sessionEnded(let usage):
            lanes[lane].oracle.sessionEnded(usage, history: lanes[lane].machines.server.history)
            notices += manager.sessionEnded(usage, at: now)
        }
    }

    private mutating func sendToClient(_ lane: Int, _ message: ServerMessage, _ now: Instant) {
        switch message {
        case .finalTranscript(let text):
            lanes[lane].lastFinalTranscript = text
        case .responseStart:
            observe(.responseStart, lane: lane, now)
        case .responseAudio(let responseID, _):
            lanes[lane].withResponse(responseID) { $0.chunksSent += 1 }
        case .error(let code, let text):
            lanes[lane].clientErrors.append(ClientErrorRecord(lane: lane, time: now, code: code, message: text))
            if code != .refused, let current = lanes[lane].responseRecords.last?.responseID {
                lanes[lane].withResponse(current) { $0.errors.append(text) }
            }
        default:
            break
        }
        let connection = lanes[lane].serverConnection
        guard connection != unbound else {
            replyLost(lane, .received(message), now)
            return
        }
        let faults = self.faults
        switch lanes[lane].downlink.deliveryTime(sentAt: now, bytes: message.wireBytes, faults: faults) {
        case .deliverAt(var time):
            let holdBack = faults.reorderMaxMicros(.down, at: now)
            if holdBack > 0 { time = time + lanes[lane].downlink.holdBackMicros(upTo: holdBack) }
            deliverToClient(lane, .received(message), connection: connection, at: time)
            if faults.duplicates(.down, at: now) {
                deliverToClient(lane, .received(message), connection: connection, at: time + Simulation.duplicateLagMicros)
            }
        case .blocked:
            deliverLateOrLose(lane, message, now)
        case .connectionFailed:
            deliverLateOrLose(lane, message, now)
            breakConnection(lane, now)
        }
    }

    /// A message that dies with its connection still reaches the client during a
    /// `lateDeliveryDown` window, after its reconnect, bypassing the connection it was sent on.
    private mutating func deliverLateOrLose(_ lane: Int, _ message: ServerMessage, _ now: Instant) {
        guard let extraMicros = faults.lateDeliveryMicros(.down, at: now) else {
            replyLost(lane, .received(message), now)
            return
        }
        let arrival = now + lanes[lane].downlink.profile.baseLatencyMicros + extraMicros
        deliverToClient(lane, .received(message), connection: unbound, at: arrival)
    }

    /// The server closes: what it sent still arrives, then the client sees the close.
    private mutating func closeFromServer(_ lane: Int, _ now: Instant) {
        let connection = lanes[lane].serverConnection
        guard connection != unbound else { return }
        lanes[lane].serverConnection = unbound
        lanes[lane].faultLossesInARow = 0
        deliverToServer(lane, .clientDisconnected, connection: unbound, at: now)
        let closeAt = closeNoticeTime(&lanes[lane].downlink, now)
        deliverToClient(lane, .disconnected(.closedByPeer), connection: connection, at: closeAt)
    }

    private mutating func stt(_ lane: Int, _ command: STTCommand, _ now: Instant) {
        if case .open = command { lanes[lane].sttGeneration += 1 }
        let generation = lanes[lane].sttGeneration
        let events = lanes[lane].sttEvents(command, at: now, faults: faults)
        for (time, event) in events { queue.push(.stt(lane: lane, generation: generation, event), at: max(time, now)) }
    }

    private mutating func llm(_ lane: Int, _ command: LLMCommand, _ now: Instant) {
        switch command {
        case .start(let requestID, _, _):
            // Before the model draws the stream: a fault this start triggers at once applies to it.
            observe(.llmStart, lane: lane, now)
            finishLLMAttempt(lane, requestID)
            lanes[lane].llmGeneration += 1
            let generation = lanes[lane].llmGeneration
            lanes[lane].llmAttempts.append((requestID, generation))
            lanes[lane].withResponse(requestID) { $0.llmAttempts += 1 }
            if lanes[lane].responses[requestID] == nil { lanes[lane].responses[requestID] = ResponseTimes(llmStartAt: now) }
            if case .start(_, let history, _) = command {
                lanes[lane].oracle.llmAttemptStarted(requestID, generation: generation, history: history,
                                                     systemPromptTokens: lanes[lane].llm.profile.systemPromptTokens)
            }
            let events = lanes[lane].llm.handle(command, at: now, faults: faults)
            for (time, event) in events { queue.push(.llm(lane: lane, generation: generation, event), at: max(time, now)) }
        case .cancel(let requestID):
            finishLLMAttempt(lane, requestID)
            _ = lanes[lane].llm.handle(command, at: now, faults: faults)
        }
    }

    /// Forgets the live attempt for `requestID`, so its remaining queued events are dropped.
    mutating func finishLLMAttempt(_ lane: Int, _ requestID: UInt32) {
        lanes[lane].llmAttempts.removeAll { $0.requestID == requestID }
    }

    private mutating func tts(_ lane: Int, _ command: TTSCommand, _ now: Instant) {
        if case .cancel(let responseID) = command { lanes[lane].ttsCancelled.append(responseID) }
        let events = lanes[lane].tts.handle(command, at: now, faults: faults, scratch: &audioScratch)
        for (time, event) in events { queue.push(.tts(lane: lane, event), at: max(time, now)) }
    }

    /// Notes when a response got its first token and first audio, for the per-turn breakdown.
    mutating func noteServerInput(_ lane: Int, _ event: ServerEvent, _ now: Instant) {
        switch event {
        case .llm(.token(let requestID, _)):
            if lanes[lane].responses[requestID]?.firstTokenAt == nil { lanes[lane].responses[requestID]?.firstTokenAt = now }
            lanes[lane].withResponse(requestID) { $0.tokensStreamed += 1 }
        case .llm(.done(let requestID, let inputTokens, let outputTokens)):
            lanes[lane].withResponse(requestID) {
                $0.inputTokensReported += Int(inputTokens)
                $0.outputTokensReported += Int(outputTokens)
            }
        case .tts(.audio(let responseID, _, _)):
            if let times = lanes[lane].responses[responseID], times.firstTTSAudioAt == nil {
                lanes[lane].responses[responseID]?.firstTTSAudioAt = now
                observe(.firstTTSAudio, lane: lane, now)
            }
        default:
            break
        }
    }
}

extension ClientMessage {
    /// Approximate bytes on the wire (frame header plus payload), for bandwidth.
    var wireBytes: Int {
        switch self {
        case .audio(_, let chunk): 24 + chunk.sampleCount * 2
        case .hello(let userID, _, _): 16 + userID.utf8.count
        case .resume, .commit, .interrupt, .played, .ping, .bye: 32
        }
    }
}

extension ServerMessage {
    var wireBytes: Int {
        switch self {
        case .responseAudio(_, let chunk): 24 + chunk.sampleCount * 2
        case .partialTranscript(let text), .finalTranscript(let text): 16 + text.utf8.count
        case .error(_, let message): 16 + message.utf8.count
        case .welcome, .responseStart, .responseEnd, .state, .ack, .pong: 32
        }
    }
}

extension ServerSession {
    /// Applies one event at `now` and returns the actions to carry out, in order.
    public mutating func handle(_ event: ServerEvent, at now: Instant) -> [ServerAction] {
        var actions: [ServerAction] = []
        handle(event, at: now, into: &actions)
        return actions
    }

    /// Applies one event at `now` and appends the actions to carry out, in order, to `actions`
    /// (what it already holds is left alone). A caller stepping the machine many times reuses
    /// one buffer, emptied between steps, instead of allocating and growing an array per step.
    public mutating func handle(_ event: ServerEvent, at now: Instant, into actions: inout [ServerAction]) {
        let start = actions.count
        switch event {
        case .clientConnected: clientArrived(&actions)
        case .clientDisconnected: clientLost(now, &actions)
        case .received(let message): received(message, now, &actions)
        case .admission(let admission): admissionDecided(admission, now, &actions)
        case .stt(let sttEvent): sttReported(sttEvent, now, &actions)
        case .llm(let llmEvent): llmReported(llmEvent, now, &actions)
        case .tts(let ttsEvent): ttsReported(ttsEvent, now, &actions)
        case .timerFired(let timer): timerFired(timer, now, &actions)
        }
        // Each action is read where it lies: iterating the array would copy every payload.
        actions.withUnsafeBufferPointer { emitted in
            for index in start..<emitted.count { digest.absorb(emitted[index]) }
        }
        actionCount += UInt64(actions.count - start)
    }

    /// Sends now, or holds the message until the client resumes.
    mutating func send(_ message: ServerMessage, _ actions: inout [ServerAction]) {
        if clientConnected {
            actions.append(.send(message))
            return
        }
        switch message {
        case .ack, .pong:
            // Stale the moment the client comes back: welcome carries the ack state.
            return
        default:
            break
        }
        if outbox.count >= config.outboxMessagesMax {
            outbox.removeFirst()
            counters.outboxDropped += 1
        }
        outbox.append(message)
    }

    mutating func setState(_ state: ConversationState, _ actions: inout [ServerAction]) {
        guard state != conversationState else { return }
        conversationState = state
        send(.state(state), &actions)
    }

    private mutating func received(_ message: ClientMessage, _ now: Instant, _ actions: inout [ServerAction]) {
        switch message {
        case .hello(let userID, let pipeline, let lastAckedSeq): hello(userID, pipeline, lastAckedSeq, &actions)
        case .resume(let sessionID, let token, _): resume(sessionID, token, now, &actions)
        case .audio(let seq, let chunk): audio(seq, chunk, now, &actions)
        case .commit(let lastSeq): commit(lastSeq, now, &actions)
        case .interrupt(let responseID, let playedMillis): interrupt(responseID, playedMillis, now, &actions)
        case .played(let responseID, let playedMillis): played(responseID, playedMillis, now, &actions)
        case .ping(let nonce): if isActive { send(.pong(nonce: nonce), &actions) }
        case .bye: endSession(&actions)
        }
    }

    private mutating func timerFired(_ timer: ServerTimer, _ now: Instant, _ actions: inout [ServerAction]) {
        guard isActive else { return }
        switch timer {
        case .resumeGrace: graceExpired(&actions)
        case .speculativeHold: holdElapsed(now, &actions)
        case .sttKeepalive: sttKeepaliveDue(now, &actions)
        case .llmTimeout: llmTimedOut(now, &actions)
        case .llmRetry: llmRetryDue(now, &actions)
        }
    }

    func protocolError(_ detail: String) -> ServerMessage {
        .error(code: .protocolViolation, message: detail)
    }
}

extension ClientAgent {
    /// Applies one event at `now` and returns the actions to carry out, in order.
    public mutating func handle(_ event: ClientEvent, at now: Instant) -> [ClientAction] {
        var actions: [ClientAction] = []
        handle(event, at: now, into: &actions)
        return actions
    }

    /// Applies one event at `now` and appends the actions to carry out, in order, to `actions`
    /// (what it already holds is left alone). A caller stepping the machine many times reuses
    /// one buffer, emptied between steps, instead of allocating and growing an array per step.
    public mutating func handle(_ event: ClientEvent, at now: Instant, into actions: inout [ClientAction]) {
        let start = actions.count
        switch event {
        case .callStarted: callStarted(now, &actions)
        case .callEnded: callEnded(now, &actions)
        case .connected: connected(now, &actions)
        case .disconnected(let reason): connectionLost(reason, now, &actions)
        case .received(let message): received(message, now, &actions)
        case .micCaptured(let chunk): micCaptured(chunk, now, &actions)
        case .timerFired(let timer): timerFired(timer, now, &actions)
        }
        // Each action is read where it lies: iterating the array would copy every payload.
        actions.withUnsafeBufferPointer { emitted in
            for index in start..<emitted.count { digest.absorb(emitted[index]) }
        }
        actionCount += UInt64(actions.count - start)
    }

    mutating func show(_ state: ClientState, _ actions: inout [ClientAction]) {
        guard state != shownState else { return }
        shownState = state
        actions.append(.showState(state))
    }

    /// The state to show while connected: speaking while a response plays here (or its next
    /// audio is due within the idle bound), else what the server says, except that the server's
    /// "speaking" about audio that does not play here shows as listening.
    mutating func showConversationState(_ actions: inout [ClientAction]) {
        guard connection == .ready else { return }
        if playback.current != nil || (playback.active != nil && !playback.idleExpired) {
            show(.speaking, &actions)
            return
        }
        switch serverState {
        case .listening, .speaking: show(.listening, &actions)
        case .thinking: show(.thinking, &actions)
        case .reconnecting: show(.reconnecting, &actions)
        }
    }

    private mutating func callEnded(_ now: Instant, _ actions: inout [ClientAction]) {
        switch connection {
        case .ready:
            finishActive(now, &actions)
            actions.append(.send(.bye))
            actions.append(.disconnect)
        case .connecting, .handshaking:
            actions.append(.disconnect)
        case .idle, .waitingToRetry, .failed, .ended:
            break
        }
        stopPlayback(&actions)
        for timer in ClientTimer.allCases { actions.append(.cancelTimer(timer)) }
        connection = .ended
        show(.ended, &actions)
    }

    private mutating func micCaptured(_ chunk: AudioChunk, _ now: Instant, _ actions: inout [ClientAction]) {
        guard connection != .ended && connection != .failed else { return }
        let seq = nextSeq
        nextSeq += 1
        replay.append(seq: seq, chunk: chunk)
        if connection == .ready { actions.append(.send(.audio(seq: seq, chunk: chunk))) }
        for transition in vad.process(frameEnergies: chunk.frameEnergies, chunkEnd: now) {
            switch transition {
            case .speechStarted:
                speechEndedAt = nil
                if playback.active != nil && !playback.idleExpired { bargeIn(now, &actions) }
            case .speechEnded(let lastVoiced):
                speechEndedAt = lastVoiced
                if config.pipeline == .v1 { commitUtterance(through: seq, &actions) }
            }
        }
    }

    private mutating func commitUtterance(through seq: UInt64, _ actions: inout [ClientAction]) {
        if connection == .ready {
            actions.append(.send(.commit(lastSeq: seq)))
        } else {
            pendingCommitSeq = seq
        }
    }

    private mutating func received(_ message: ServerMessage, _ now: Instant, _ actions: inout [ClientAction]) {
        switch connection {
        case .handshaking, .ready: break
        case .idle, .connecting, .waitingToRetry, .failed, .ended:
            // A message from a transport this agent already gave up on (delivery raced the close).
            return
        }
        lastReceivedAt = now
        switch message {
        case .welcome(let sessionID, let resumeToken, let lastReceivedSeq, let resumed):
            welcomed(sessionID, resumeToken, lastReceivedSeq, resumed, now, &actions)
        case .partialTranscript, .finalTranscript:
            break
        case .responseStart(let responseID):
            responseStarted(responseID, now, &actions)
        case .responseAudio(let responseID, let chunk):
            responseAudio(responseID, chunk, now, &actions)
        case .responseEnd(let responseID, let cancelled):
            responseEnded(responseID, cancelled: cancelled, now, &actions)
        case .state(let state):
            serverState = state
            finishIfDrained(now, &actions)
            showConversationState(&actions)
        case .ack(let seq):
            replay.acknowledge(through: min(seq, nextSeq - 1))
        case .pong:
            break
        case .error(let code, _):
            serverError(code, now, &actions)
        }
    }

    private mutating func serverError(_ code: ServerErrorCode, _ now: Instant, _ actions: inout [ClientAction]) {
        switch code {
        case .sessionUnknown:
            guard case .handshaking = connection else { return }
            session = nil
            metrics.sessionRestarts += 1
            actions.append(.send(.hello(userID: config.userID, pipeline: config.pipeline, lastAckedSeq: replay.lastAckedSeq)))
        case .refused:
            actions.append(.disconnect)
            for timer in ClientTimer.allCases { actions.append(.cancelTimer(timer)) }
            stopPlayback(&actions)
            connection = .failed
            show(.failed, &actions)
        case .badRequest, .providerFailed, .protocolViolation:
            // Shown to the user by the runtime; the call itself goes on.
            break
        }
    }

    private mutating func timerFired(_ timer: ClientTimer, _ now: Instant, _ actions: inout [ClientAction]) {
        switch timer {
        case .reconnectBackoff: backoffElapsed(now, &actions)
        case .connectTimeout: connectTimedOut(now, &actions)
        case .keepalive: keepaliveDue(now, &actions)
        case .playbackChunkEnd: chunkFinishedPlaying(now, &actions)
        case .playbackIdle: playbackIdled(&actions)
        }
    }
}

extension ClientAgent {
    mutating func callStarted(_ now: Instant, _ actions: inout [ClientAction]) {
        guard connection == .idle else { return }
        startConnecting(attempt: 0, now, &actions)
        show(.connecting, &actions)
    }

    private mutating func startConnecting(attempt: Int, _ now: Instant, _ actions: inout [ClientAction]) {
        connection = .connecting(attempt: attempt)
        actions.append(.connect)
        actions.append(.setTimer(.connectTimeout, at: now + config.connectTimeoutMicros))
    }

    mutating func connected(_ now: Instant, _ actions: inout [ClientAction]) {
        guard case .connecting(let attempt) = connection else { return }
        connection = .handshaking(attempt: attempt)
        lastReceivedAt = now
        if let session {
            actions.append(.send(.resume(sessionID: session.id, resumeToken: session.resumeToken,
                                         lastAckedSeq: replay.lastAckedSeq)))
        } else {
            actions.append(.send(.hello(userID: config.userID, pipeline: config.pipeline, lastAckedSeq: replay.lastAckedSeq)))
        }
    }

    mutating func welcomed(_ sessionID: UInt64, _ resumeToken: UInt64, _ lastReceivedSeq: UInt64, _ resumed: Bool,
                           _ now: Instant, _ actions: inout [ClientAction]) {
        guard case .handshaking = connection else { return }
        connection = .ready
        session = (sessionID, resumeToken)
        if resumed { metrics.resumes += 1 }
        actions.append(.cancelTimer(.connectTimeout))
        let serverHas = min(lastReceivedSeq, nextSeq - 1)
        replay.acknowledge(through: serverHas)
        let unsent = config.plantedBugs.contains(.replayNotResent) ? [] : replay.entries(after: serverHas)
        if resumed { metrics.chunksReplayed += UInt64(unsent.count) }
        for entry in unsent { actions.append(.send(.audio(seq: entry.seq, chunk: entry.chunk))) }
        if resumed {
            for report in reports { actions.append(.send(report)) }
        } else {
            reports = []
        }
        if let seq = pendingCommitSeq {
            pendingCommitSeq = nil
            actions.append(.send(.commit(lastSeq: seq)))
        }
        actions.append(.setTimer(.keepalive, at: now + config.keepaliveIntervalMicros))
        if !resumed { serverState = .listening }
        showConversationState(&actions)
    }

    /// The transport closed or failed; schedule a retry or give up.
    mutating func connectionLost(_ reason: DisconnectReason, _ now: Instant, _ actions: inout [ClientAction]) {
        let attempt: Int
        switch connection {
        case .connecting(let failed), .handshaking(let failed):
            attempt = failed + 1
        case .ready:
            metrics.disconnects += 1
            attempt = 1
        case .idle, .waitingToRetry, .failed, .ended:
            return
        }
        actions.append(.cancelTimer(.connectTimeout))
        if !config.plantedBugs.contains(.keepaliveSurvivesReconnect) { actions.append(.cancelTimer(.keepalive)) }
        guard attempt <= config.backoff.attemptsMax else {
            connection = .failed
            stopPlayback(&actions)
            show(.failed, &actions)
            return
        }
        connection = .waitingToRetry(attempt: attempt)
        metrics.reconnectAttempts += 1
        let delay = config.backoff.delayMicros(attempt: attempt, random: &random)
        actions.append(.setTimer(.reconnectBackoff, at: now + delay))
        show(.reconnecting, &actions)
    }

    mutating func backoffElapsed(_ now: Instant, _ actions: inout [ClientAction]) {
        guard case .waitingToRetry(let attempt) = connection else { return }
        startConnecting(attempt: attempt, now, &actions)
    }

    mutating func connectTimedOut(_ now: Instant, _ actions: inout [ClientAction]) {
        switch connection {
        case .connecting, .handshaking:
            actions.append(.disconnect)
            connectionLost(.timedOut, now, &actions)
        case .idle, .ready, .waitingToRetry, .failed, .ended:
            break
        }
    }

    /// Sends a ping, or declares the connection dead when the server went quiet.
    mutating func keepaliveDue(_ now: Instant, _ actions: inout [ClientAction]) {
        guard connection == .ready else { return }
        if now.micros(since: lastReceivedAt) >= config.livenessTimeoutMicros {
            actions.append(.disconnect)
            connectionLost(.timedOut, now, &actions)
            return
        }
        pingNonce += 1
        actions.append(.send(.ping(nonce: pingNonce)))
        actions.append(.setTimer(.keepalive, at: now + config.keepaliveIntervalMicros))
    }
}

extension ServerSession {
    mutating func hello(_ userID: String, _ pipeline: Pipeline, _ lastAckedSeq: UInt64, _ actions: inout [ServerAction]) {
        // A hello delivered late from a connection already lost opens nothing: its session would
        // start with nobody to welcome, and refuse the client's next hello as a second one.
        guard clientConnected else { return }
        switch state {
        case .awaitingHello, .ended:
            state = .admitting(userID: userID, pipeline: pipeline, lastAckedSeq: lastAckedSeq)
            actions.append(.requestAdmission(userID: userID, pipeline: pipeline))
        case .admitting, .active:
            counters.protocolErrors += 1
            send(protocolError("hello on a connection that already has a session"), &actions)
        }
    }

    mutating func admissionDecided(_ admission: Admission, _ now: Instant, _ actions: inout [ServerAction]) {
        guard case .admitting(let userID, let requested, let lastAckedSeq) = state else { return }
        switch admission {
        case .refused(let reason):
            state = .awaitingHello
            send(.error(code: .refused, message: reason), &actions)
            actions.append(.closeConnection)
        case .granted:
            startSession(userID, requested, lastAckedSeq: lastAckedSeq, now, &actions)
        }
    }

    private mutating func startSession(_ userID: String, _ requested: Pipeline, lastAckedSeq: UInt64, _ now: Instant,
                                       _ actions: inout [ServerAction]) {
        state = .active(ActiveCall(sttOpen: requested == .v2))
        pipeline = requested
        sessionID = random.next()
        resumeToken = random.next()
        usage = SessionUsage(userID: userID, sessionID: sessionID, pipeline: requested, models: config.models)
        // Mic audio starts after what an earlier session had: the one this machine ended (its
        // highest seq) or, as the client says, one it never knew. Chunks between that and the
        // first to arrive are a gap, even those the client dropped before any session existed.
        highestSeq = max(seqCarriedOver ?? 0, lastAckedSeq)
        seqCarriedOver = nil
        utteranceFirstSeq = nil
        history = []
        turn = TurnTracker()
        outbox = []
        conversationState = .listening
        send(.welcome(sessionID: sessionID, resumeToken: resumeToken, lastReceivedSeq: highestSeq ?? 0, resumed: false),
             &actions)
        if requested == .v2 {
            actions.append(.stt(.open))
            lastSTTSendAt = now
            actions.append(.setTimer(.sttKeepalive, at: now + config.sttKeepaliveIntervalMicros))
        }
    }

    mutating func resume(_ id: UInt64, _ token: UInt64, _ now: Instant, _ actions: inout [ServerAction]) {
        // A resume delivered late from a connection already lost resumes nothing: the client
        // resumes again on its next connection, which must still disarm the grace timer.
        guard clientConnected else { return }
        guard isActive, id == sessionID, token == resumeToken else {
            send(.error(code: .sessionUnknown, message: "session \(hex16(id)) is unknown or expired"), &actions)
            return
        }
        call.graceDeadline = nil
        usage.resumes += 1
        send(.welcome(sessionID: sessionID, resumeToken: resumeToken, lastReceivedSeq: highestSeq ?? 0,
                      resumed: true), &actions)
        let held = outbox
        outbox = []
        for message in held { send(message, &actions) }
        send(.state(conversationState), &actions)
    }

    /// A connection opened: the grace timer must not end the session under it.
    mutating func clientArrived(_ actions: inout [ServerAction]) {
        let wasAway = !clientConnected
        clientConnected = true
        guard !config.plantedBugs.contains(.graceNotCancelledOnResume) else { return }
        if wasAway, activeCall?.graceDeadline != nil { actions.append(.cancelTimer(.resumeGrace)) }
    }

    /// The grace period counts from the first loss since the last resume, so a client that
    /// connects and drops again without resuming cannot stretch it.
    mutating func clientLost(_ now: Instant, _ actions: inout [ServerAction]) {
        guard clientConnected else { return }
        clientConnected = false
        switch state {
        case .active:
            let deadline = call.graceDeadline ?? now + config.resumeGraceMicros
            call.graceDeadline = deadline
            actions.append(.setTimer(.resumeGrace, at: max(now, deadline)))
        case .admitting:
            state = .awaitingHello
        case .awaitingHello, .ended:
            break
        }
    }

    /// The client did not come back in time; the call's next session continues its mic numbering.
    mutating func graceExpired(_ actions: inout [ServerAction]) {
        guard !clientConnected || config.plantedBugs.contains(.graceNotCancelledOnResume) else { return }
        seqCarriedOver = highestSeq
        endSession(&actions)
    }

    /// Ends the session: cancels provider work and hands usage to the session manager.
    mutating func endSession(_ actions: inout [ServerAction]) {
        guard let ending = activeCall else { return }
        dropUnconfirmed()
        if let response = ending.response { cancelProviders(response, &actions) }
        if ending.sttOpen { actions.append(.stt(.close)) }
        for timer in ServerTimer.allCases { actions.append(.cancelTimer(timer)) }
        if clientConnected { actions.append(.closeConnection) }
        state = .ended
        outbox = []
        actions.append(.sessionEnded(usage: usage))
    }

    /// De-duplicates by seq, counts gaps, forwards to STT and acknowledges.
    mutating func audio(_ seq: UInt64, _ chunk: AudioChunk, _ now: Instant, _ actions: inout [ServerAction]) {
        guard isActive else {
            counters.protocolErrors += 1
            send(protocolError("audio before the session was established"), &actions)
            return
        }
        if let highest = highestSeq {
            guard seq > highest || config.plantedBugs.contains(.dedupOff) else {
                usage.duplicateChunks += 1
                send(.ack(seq: highest), &actions)
                return
            }
            if seq > highest, seq - highest > 1 { countLostAudio(chunks: seq - highest - 1) }
        }
        highestSeq = max(seq, highestSeq ?? 0)
        switch pipeline {
        case .v2:
            actions.append(.stt(.audio(seq: seq, chunk: chunk)))
            lastSTTSendAt = now
            usage.sttMicros += chunk.durationMicros
        case .v1:
            if utteranceFirstSeq == nil { utteranceFirstSeq = seq }
        }
        send(.ack(seq: seq), &actions)
    }
}

extension ServerSession {
    /// Adds a gap of `chunks` mic chunks, saturating: a hostile seq must not overflow the count.
    mutating func countLostAudio(chunks: UInt64) {
        let micros = Int64(clamping: chunks).multipliedSaturating(by: AudioFormat.micChunkMicros)
        usage.lostAudioMicros = usage.lostAudioMicros.addingSaturating(micros)
    }
}

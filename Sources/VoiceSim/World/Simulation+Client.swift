import VoiceCore

extension Simulation {
    /// Carries out one client action in the simulated world.
    mutating func performClient(_ lane: Int, _ action: borrowing ClientAction, _ now: Instant) {
        lanes[lane].oracle.clientAction(action, now, step: eventsProcessed)
        switch action {
        case .connect:
            connect(lane, now)
        case .disconnect:
            closeGracefully(lane, now)
        case .send(let message):
            sendToServer(lane, message, now)
        case .play(let responseID, _):
            lanes[lane].withResponse(responseID) { $0.chunksPlayed += 1 }
            let timeline = lanes[lane].user.timeline
            lanes[lane].oracle.checkTalkOver(responseID, timeline, now)
            played(lane, responseID, now)
        case .stopPlayback(let responseID):
            lanes[lane].stoppedAt = (responseID, now)
            lanes[lane].playing = nil
        case .setTimer(let timer, let due):
            let generation = lanes[lane].clientTimers.arm(Int(timer.rawValue))
            queue.push(.clientTimer(lane: lane, timer, generation: generation), at: max(due, now))
        case .cancelTimer(let timer):
            lanes[lane].clientTimers.cancel(Int(timer.rawValue))
        case .showState(let state):
            shown(lane, state, now)
        }
    }

    /// Opens a connection after the handshake and any cold start, or fails it inside a partition.
    private mutating func connect(_ lane: Int, _ now: Instant) {
        lanes[lane].connectionsMade += 1
        let connection = lanes[lane].connectionsMade
        lanes[lane].connection = connection
        lanes[lane].connectionDead = false
        if faults.isPartitioned(at: now) {
            // The attempt is already lost: a fault breaking connections before its notice arrives
            // must not send a second one (a transport reports its end once).
            lanes[lane].connectionDead = true
            lanes[lane].faultLossesInARow += 1
            deliverToClient(lane, .disconnected(.networkError), connection: connection,
                            at: now + Simulation.connectFailureMicros)
            return
        }
        var openAt = now + 2 * lanes[lane].uplink.profile.baseLatencyMicros
        var coldMicros = faults.coldStartDelayMicros(at: now)
        if connection == 1 { coldMicros = max(coldMicros, scenario.server.coldStartMicros) }
        if coldMicros > 0 { lanes[lane].coldStarts.append((openAt, openAt + coldMicros)) }
        openAt = openAt + coldMicros
        queue.push(.connectionOpens(lane: lane, connection: connection), at: openAt)
    }

    /// How long a connection attempt into a partition takes to fail.
    static let connectFailureMicros: Int64 = 1_000_000

    mutating func connectionOpens(_ lane: Int, _ connection: UInt32, _ now: Instant) {
        guard lanes[lane].connection == connection, !lanes[lane].connectionDead else { return }
        if faults.isPartitioned(at: now) {
            lanes[lane].connectionDead = true
            lanes[lane].faultLossesInARow += 1
            deliverToClient(lane, .disconnected(.networkError), connection: connection, at: now)
            return
        }
        lanes[lane].faultLossesInARow = 0
        if lanes[lane].serverConnection != unbound {
            deliverToServer(lane, .clientDisconnected, connection: lanes[lane].serverConnection, at: now)
        }
        lanes[lane].serverConnection = connection
        lanes[lane].connectionsOpened += 1
        if lanes[lane].connectionsOpened > 1 { observe(.reconnect, lane: lane, now) }
        deliverToServer(lane, .clientConnected, connection: connection, at: now)
        deliverToClient(lane, .connected, connection: connection, at: now + lanes[lane].downlink.profile.baseLatencyMicros)
    }

    /// A fault breaks the connection abruptly: the server side notices at once, the client at `now`;
    /// whatever is in flight is lost.
    mutating func breakConnection(_ lane: Int, _ now: Instant) {
        let connection = lanes[lane].connection
        guard connection != unbound, !lanes[lane].connectionDead else { return }
        lanes[lane].connectionDead = true
        lanes[lane].faultLossesInARow += 1
        deliverToClient(lane, .disconnected(.networkError), connection: connection, at: now)
        if lanes[lane].serverConnection == connection {
            lanes[lane].serverConnection = unbound
            deliverToServer(lane, .clientDisconnected, connection: unbound, at: now)
        }
    }

    /// The client closes: messages already sent still arrive, then the server sees the close.
    private mutating func closeGracefully(_ lane: Int, _ now: Instant) {
        let connection = lanes[lane].connection
        lanes[lane].connection = unbound
        guard connection != unbound, lanes[lane].serverConnection == connection else { return }
        let closeAt = closeNoticeTime(&lanes[lane].uplink, now)
        deliverToServer(lane, .clientDisconnected, connection: connection, at: closeAt)
    }

    /// When a close sent now arrives: after everything already in flight on `link`.
    func closeNoticeTime(_ link: inout Link, _ now: Instant) -> Instant {
        switch link.deliveryTime(sentAt: now, bytes: 0, faults: .none) {
        case .deliverAt(let time): time
        case .blocked, .connectionFailed: now + link.profile.baseLatencyMicros
        }
    }

    private mutating func sendToServer(_ lane: Int, _ message: ClientMessage, _ now: Instant) {
        let connection = lanes[lane].connection
        guard connection != unbound, connection == lanes[lane].serverConnection else { return }
        let faults = self.faults
        switch lanes[lane].uplink.deliveryTime(sentAt: now, bytes: message.wireBytes, faults: faults) {
        case .deliverAt(var time):
            let holdBack = faults.reorderMaxMicros(.up, at: now)
            if holdBack > 0 { time = time + lanes[lane].uplink.holdBackMicros(upTo: holdBack) }
            deliverToServer(lane, .received(message), connection: connection, at: time)
            if faults.duplicates(.up, at: now) {
                deliverToServer(lane, .received(message), connection: connection, at: time + Simulation.duplicateLagMicros)
            }
        case .blocked:
            deliverLate(lane, message, now)
        case .connectionFailed:
            deliverLate(lane, message, now)
            breakConnection(lane, now)
        }
        if case .interrupt(let responseID, _) = message {
            for index in lanes[lane].turns.indices.reversed() where lanes[lane].turns[index].responseID == responseID {
                lanes[lane].turns[index].interrupted = true
            }
            observer?.simulation(lane: lane, mark: .interruption(responseID: responseID), at: now)
        }
    }

    /// How long after the original a duplicated message arrives.
    static let duplicateLagMicros: Int64 = 1_000

    /// A message that dies with its connection still reaches the server during a
    /// `lateDelivery` window, bypassing the connection it was sent on.
    private mutating func deliverLate(_ lane: Int, _ message: ClientMessage, _ now: Instant) {
        guard let extraMicros = faults.lateDeliveryMicros(.up, at: now) else { return }
        let arrival = now + lanes[lane].uplink.profile.baseLatencyMicros + extraMicros
        deliverToServer(lane, .received(message), connection: unbound, at: arrival)
    }

    private mutating func played(_ lane: Int, _ responseID: UInt32, _ now: Instant) {
        if let stopped = lanes[lane].stoppedAt, stopped.responseID == responseID {
            lanes[lane].playsAfterStop.append("\(now): response \(responseID) played after it was stopped at \(stopped.at)")
        }
        if lanes[lane].playing != responseID {
            lanes[lane].playing = responseID
            lanes[lane].user.assistantStartedSpeaking(at: now)
            answerTurn(lane, responseID, now)
            observe(.playbackStart, lane: lane, now)
        }
    }

    /// Joins the first sound of a response to the user's latest unanswered turn.
    private mutating func answerTurn(_ lane: Int, _ responseID: UInt32, _ now: Instant) {
        guard let index = lanes[lane].turns.lastIndex(where: { $0.firstPlayAt == nil && $0.speechEndAt <= now }) else {
            return
        }
        let times = lanes[lane].responses[responseID] ?? ResponseTimes()
        lanes[lane].turns[index].firstPlayAt = now
        lanes[lane].turns[index].responseID = responseID
        lanes[lane].turns[index].llmStartAt = times.llmStartAt
        lanes[lane].turns[index].firstTokenAt = times.firstTokenAt
        lanes[lane].turns[index].firstTTSAudioAt = times.firstTTSAudioAt
        lanes[lane].turns[index].heardText = lanes[lane].lastFinalTranscript
        if let llmStart = times.llmStartAt {
            let speechEnd = lanes[lane].turns[index].speechEndAt
            lanes[lane].turns[index].coldStartMicros = lanes[lane].coldStarts.reduce(0) { total, window in
                total + max(0, min(window.to, llmStart).micros(since: max(window.from, speechEnd)))
            }
        }
        let latency = now.micros(since: lanes[lane].turns[index].speechEndAt)
        let earlier = lanes[lane].turns[..<index].compactMap(\.voiceToVoiceMicros).sorted()
        let typical = earlier.isEmpty ? nil : earlier[earlier.count / 2]
        if latency > latencySpikeMicros || typical.map({ latency * 2 > $0 * 3 }) == true {
            observer?.simulation(lane: lane, mark: .latencySpike(voiceToVoiceMicros: latency), at: now)
        }
    }

    private mutating func shown(_ lane: Int, _ state: ClientState, _ now: Instant) {
        switch state {
        case .reconnecting:
            observer?.simulation(lane: lane, mark: .reconnect(attempt: lanes[lane].machines.client.metrics.reconnectAttempts),
                                 at: now)
        case .listening:
            if lanes[lane].playing != nil {
                lanes[lane].playing = nil
                lanes[lane].user.assistantFinishedSpeaking(at: now)
                if let turn = lanes[lane].turns.last { observer?.simulation(lane: lane, mark: .turnEnd(turn.userText), at: now) }
            }
        case .failed:
            // Giving up is the backoff policy working when every attempt it allows (and the
            // loss before them) fell to injected faults; anything less is a defect, left to
            // the liveness check.
            let attemptsMax = lanes[lane].oracle.client.backoff.attemptsMax
            if lanes[lane].faultLossesInARow > attemptsMax, !clientsGaveUp.contains(where: { $0.lane == lane }) {
                clientsGaveUp.append(ClientGaveUp(lane: lane, at: now, faultLosses: lanes[lane].faultLossesInARow))
            }
        case .idle, .connecting, .thinking, .speaking, .ended:
            break
        }
    }
}

import VoiceCore

extension LaneOracle {
    /// Before the client handles `event`.
    mutating func clientInput(_ event: ClientEvent, _ now: Instant, step: UInt64) {
        lastInputWasDisconnect = false
        switch event {
        case .micCaptured(let chunk):
            mic.captured(chunk, at: now)
        case .connected:
            transportOpen = true
            welcomedOnConnection = false
        case .disconnected:
            transportOpen = false
            connectionLost(now, step: step)
            lastInputWasDisconnect = true
        case .received(let message):
            switch message {
            case .welcome:
                // A duplicated welcome changes nothing at the client: the replay duty starts at the
                // first. One from a dead connection arriving late (`lateDeliveryDown`) while no
                // transport is open welcomes nobody: the client is between attempts.
                guard transportOpen, !welcomedOnConnection else { break }
                welcomedOnConnection = true
                mic.welcomed(at: now)
                lossesSinceWelcome = 0
            case .responseAudio(let responseID, let chunk):
                reply.delivered(responseID, chunk, at: now)
            default:
                break
            }
        case .timerFired(let timer):
            clientTimers.fired(Int(timer.rawValue))
            switch timer {
            case .playbackChunkEnd:
                reply.finishSounding(at: now)
            case .keepalive where !transportOpen:
                report(.keepaliveWithoutConnection, now, "the keepalive timer fired with no open connection")
            case .keepalive, .connectTimeout, .reconnectBackoff, .playbackIdle:
                break
            }
        case .callStarted, .callEnded:
            break
        }
    }

    /// The attempt in flight ended. Only an attempt the client made counts: a transport ends
    /// once, so a second notice for one already lost is no new loss.
    private mutating func connectionLost(_ now: Instant, step: UInt64) {
        guard attemptInFlight else { return }
        attemptInFlight = false
        lossesSinceWelcome += 1
        lastLoss = (now, step)
    }

    /// Each client action, in order.
    mutating func clientAction(_ action: ClientAction, _ now: Instant, step: UInt64) {
        switch action {
        case .connect:
            checkReconnect(now, step: step)
            attemptInFlight = true
        case .disconnect:
            connectionLost(now, step: step)
            transportOpen = false
        case .send(.ping):
            if !transportOpen { report(.keepaliveWithoutConnection, now, "a ping was sent with no open connection") }
        case .send(.interrupt(let responseID, let playedMillis)):
            checkInterrupt(responseID, playedMillis, now)
            reply.abandoned(responseID, at: now)
            reply.reportSent(responseID, at: now)
        case .send(.played(let responseID, _)):
            reply.reportSent(responseID, at: now)
        case .send(.audio(_, let chunk)):
            mic.sent(chunk, at: now)
        case .send:
            break
        case .play(let responseID, let chunk):
            if !reply.played(responseID, chunk, at: now) {
                report(.replyAudioHole, now, "response \(responseID) played a chunk that was never delivered")
            }
        case .stopPlayback(let responseID):
            reply.stopSounding(at: now)
            reply.abandoned(responseID, at: now)
        case .setTimer(let timer, _):
            if clientTimers.arm(Int(timer.rawValue)) && timer.mustNotRearm {
                report(.timerRearmed, now, "client timer \(timer) set again while pending")
            }
        case .cancelTimer(let timer):
            clientTimers.cancel(Int(timer.rawValue))
        case .showState(let state):
            // The loss that started the retries, then one per attempt the policy allows.
            if state == .failed, lastInputWasDisconnect, lossesSinceWelcome <= client.backoff.attemptsMax {
                report(.gaveUpEarly, now, "the client gave up after \(lossesSinceWelcome) lost connection(s); "
                    + "its policy allows \(client.backoff.attemptsMax) reconnect attempts")
            }
            shown = state
            if state == .failed || state == .ended, clientGoneAt == nil {
                clientGoneAt = now
                mic.close()
            }
        }
    }

    /// After the client handled an event: the displayed state against what is playing.
    mutating func clientStepDone(_ now: Instant) {
        let silentSpeaking = shown == .speaking && !reply.isSounding
        if silentSpeaking {
            if speakingSilentSince == nil { speakingSilentSince = now }
        } else {
            closeSpeakingEpisode(now)
        }
    }

    mutating func closeSpeakingEpisode(_ now: Instant) {
        guard let since = speakingSilentSince else { return }
        speakingSilentSince = nil
        let silentMicros = now.micros(since: since)
        if silentMicros > LaneOracle.speakingSilentMicrosMax {
            report(.speakingWhileSilent, since, "the client showed speaking for \(silentMicros / 1_000) ms with nothing playing "
                + "(bound \(LaneOracle.speakingSilentMicrosMax / 1_000) ms)")
        }
    }

    private mutating func checkReconnect(_ now: Instant, step: UInt64) {
        guard lossesSinceWelcome > 0, let loss = lastLoss else { return }
        let attempt = lossesSinceWelcome
        if attempt > client.backoff.attemptsMax {
            report(.retryBackoff, now, "reconnect attempt \(attempt) beyond the policy's \(client.backoff.attemptsMax)")
            return
        }
        if step == loss.step {
            report(.retryBackoff, now, "reconnect attempt \(attempt) in the same step as the loss (no backoff)")
            return
        }
        let delay = now.micros(since: loss.at)
        let ceiling = client.backoff.ceilingMicros(attempt: attempt)
        if delay > ceiling {
            report(.retryBackoff, now, "reconnect attempt \(attempt) after \(delay / 1_000) ms > ceiling \(ceiling / 1_000) ms")
        }
    }

    mutating func checkTalkOver(_ responseID: UInt32, _ user: SpeechTimeline, _ now: Instant) {
        guard let utterance = user.utterance(at: now) else { return }
        let speakingMicros = now.micros(since: utterance.start)
        if speakingMicros > talkOverBoundMicros {
            report(.talkOverUser, now, "response \(responseID) audio started while the user had been speaking for "
                + "\(speakingMicros / 1_000) ms (utterance \(utterance.index), bound \(talkOverBoundMicros / 1_000) ms)")
        }
    }

    /// Only the client's first report on a reply is a decision: after a resume it sends its
    /// recent reports again (one may have died with the connection), and a repeat interrupts nothing.
    private mutating func checkInterrupt(_ responseID: UInt32, _ playedMillis: UInt32, _ now: Instant) {
        guard !reply.isSounding, !reply.hasPendingAudio(responseID),
            let index = reply.position(of: responseID), reply.responses[index].endedAt != nil,
            reply.responses[index].heardAtReport == nil
        else { return }
        let silentMicros = now.micros(since: reply.silentSince)
        guard silentMicros >= LaneOracle.speakingSilentMicrosMax else { return }
        report(.falseInterrupt, now, "interrupt(\(responseID), played \(playedMillis) ms) sent \(silentMicros / 1_000) ms "
            + "after the finished reply stopped sounding")
    }
}

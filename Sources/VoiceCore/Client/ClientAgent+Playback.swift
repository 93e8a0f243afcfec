extension ClientAgent {
    mutating func responseStarted(_ responseID: UInt32, _ now: Instant, _ actions: inout [ClientAction]) {
        guard !playback.isDiscarded(responseID), playback.active == nil else { return }
        beginResponse(responseID, now, &actions)
        armIdle(now, &actions)
    }

    mutating func responseAudio(_ responseID: UInt32, _ chunk: AudioChunk, _ now: Instant,
                                _ actions: inout [ClientAction]) {
        guard !playback.isDiscarded(responseID) else { return }
        if playback.active == nil { beginResponse(responseID, now, &actions) }
        guard !playback.isDiscarded(responseID) else { return }
        playback.queue.append(Playback.Queued(responseID: responseID, chunk: chunk))
        if playback.current == nil { playNext(now, &actions) }
        armIdle(now, &actions)
    }

    mutating func responseEnded(_ responseID: UInt32, cancelled: Bool, _ now: Instant,
                                _ actions: inout [ClientAction]) {
        guard !playback.isDiscarded(responseID) else { return }
        if cancelled {
            if let active = playback.active, active < responseID {
                // Queued behind a reply that still plays: that reply is not cancelled.
                playback.discardAhead(responseID)
            } else {
                playback.discard(through: responseID)
            }
            if playback.active == responseID {
                finishActive(now, &actions)
                // Audio of a later reply may already wait behind it: it plays now.
                playNext(now, &actions)
                armIdle(now, &actions)
            } else if playback.queue.contains(where: { $0.responseID == responseID }) {
                playback.queue.removeAll { $0.responseID == responseID }
                report(.played(responseID: responseID, playedMillis: 0), &actions)
            }
            showConversationState(&actions)
            return
        }
        if playback.active == responseID {
            playback.serverEnded = true
            finishIfDrained(now, &actions)
        }
    }

    /// Makes `responseID` the active response; if the user is already talking it is stale
    /// before it starts, and refused as a barge-in.
    private mutating func beginResponse(_ responseID: UInt32, _ now: Instant, _ actions: inout [ClientAction]) {
        playback.active = responseID
        playback.serverEnded = false
        playback.playedMicros = 0
        if vad.inSpeech { bargeIn(now, &actions) }
    }

    /// Starts the next queued chunk, switching `active` when the next response begins. Reply
    /// audio never starts while the user is speaking: that is a barge-in, at once.
    private mutating func playNext(_ now: Instant, _ actions: inout [ClientAction]) {
        while let next = playback.queue.first {
            if playback.active != next.responseID {
                // The previous response ran out without its end: it is over here.
                finishActive(now, &actions)
                beginResponse(next.responseID, now, &actions)
                continue
            }
            if vad.inSpeech && !config.plantedBugs.contains(.bargeInKeepsPlaying) {
                bargeIn(now, &actions)
                continue
            }
            playback.queue.removeFirst()
            disarmIdle(&actions)
            if playback.playedMicros == 0 {
                metrics.responsesPlayed += 1
                if let speechEnd = speechEndedAt {
                    metrics.voiceToVoiceMicros.append(now.micros(since: speechEnd))
                    speechEndedAt = nil
                }
            }
            playback.current = (next, now)
            actions.append(.play(responseID: next.responseID, chunk: next.chunk))
            actions.append(.setTimer(.playbackChunkEnd, at: now + next.chunk.durationMicros))
            showConversationState(&actions)
            return
        }
    }

    mutating func chunkFinishedPlaying(_ now: Instant, _ actions: inout [ClientAction]) {
        guard let current = playback.current else { return }
        playback.current = nil
        playback.playedMicros += current.chunk.chunk.durationMicros
        metrics.playedMicros += current.chunk.chunk.durationMicros
        if playback.queue.isEmpty {
            finishIfDrained(now, &actions)
            armIdle(now, &actions)
        } else {
            playNext(now, &actions)
        }
    }

    /// Nothing queued or playing, and the server ended the response or no longer speaks it
    /// (its end was lost with a connection): the response is over.
    mutating func finishIfDrained(_ now: Instant, _ actions: inout [ClientAction]) {
        guard playback.active != nil, playback.current == nil, playback.queue.isEmpty,
              playback.serverEnded || serverState != .speaking else { return }
        finishActive(now, &actions)
        showConversationState(&actions)
    }

    /// Ends the active response here without a barge-in, silencing it, and tells the server
    /// how much of it played.
    mutating func finishActive(_ now: Instant, _ actions: inout [ClientAction]) {
        guard let responseID = playback.active else { return }
        let playedMicros = playedSoFar(now)
        // The report is final: audio of it arriving later (reordered, queued across a reconnect)
        // must not play, or the user hears more than the history the server builds from it.
        playback.discard(through: responseID)
        if let current = playback.current {
            metrics.playedMicros += now.micros(since: current.startedAt)
            actions.append(.stopPlayback(responseID: responseID))
            actions.append(.cancelTimer(.playbackChunkEnd))
        }
        clearActive(&actions)
        report(.played(responseID: responseID, playedMillis: UInt32(clamping: playedMicros / 1_000)), &actions)
    }

    /// The active response's audio heard so far, including the chunk playing now.
    func playedSoFar(_ now: Instant) -> Int64 {
        playback.playedMicros + (playback.current.map { now.micros(since: $0.startedAt) } ?? 0)
    }

    /// Forgets the active response and its queued chunks (the sound must already be stopped).
    mutating func clearActive(_ actions: inout [ClientAction]) {
        guard let responseID = playback.active else { return }
        disarmIdle(&actions)
        playback.queue.removeAll { $0.responseID == responseID }
        playback.current = nil
        playback.active = nil
        playback.serverEnded = false
        playback.playedMicros = 0
    }

    /// Silences the speaker and forgets queued audio.
    mutating func stopPlayback(_ actions: inout [ClientAction]) {
        guard let responseID = playback.active else { return }
        if playback.current != nil {
            actions.append(.stopPlayback(responseID: responseID))
            actions.append(.cancelTimer(.playbackChunkEnd))
        }
        clearActive(&actions)
        playback.queue.removeAll()
    }

    /// Nothing of the active response plays now: after the idle bound it stops showing as speaking.
    private mutating func armIdle(_ now: Instant, _ actions: inout [ClientAction]) {
        guard playback.active != nil, playback.current == nil, playback.idleSince == nil else { return }
        playback.idleSince = now
        playback.idleExpired = false
        actions.append(.setTimer(.playbackIdle, at: now + config.playbackIdleMicros))
    }

    private mutating func disarmIdle(_ actions: inout [ClientAction]) {
        guard playback.idleSince != nil else { return }
        if !playback.idleExpired { actions.append(.cancelTimer(.playbackIdle)) }
        playback.idleSince = nil
        playback.idleExpired = false
    }

    mutating func playbackIdled(_ actions: inout [ClientAction]) {
        guard playback.idleSince != nil, !playback.idleExpired else { return }
        playback.idleExpired = true
        showConversationState(&actions)
    }
}

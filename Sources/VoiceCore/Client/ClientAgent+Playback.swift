extension ClientAgent {
    mutating func responseStarted(_ responseID: UInt32, _ actions: inout [ClientAction]) {
        guard responseID > playback.discardedThrough else { return }
        if playback.active == nil {
            playback.active = responseID
            playback.serverEnded = false
            playback.playedMicros = 0
        }
    }

    mutating func responseAudio(_ responseID: UInt32, _ chunk: AudioChunk, _ now: Instant,
                                _ actions: inout [ClientAction]) {
        guard responseID > playback.discardedThrough else { return }
        responseStarted(responseID, &actions)
        playback.queue.append(Playback.Queued(responseID: responseID, chunk: chunk))
        if playback.current == nil { playNext(now, &actions) }
    }

    mutating func responseEnded(_ responseID: UInt32, cancelled: Bool, _ now: Instant,
                                _ actions: inout [ClientAction]) {
        guard responseID > playback.discardedThrough else { return }
        if cancelled {
            playback.discardedThrough = responseID
            if playback.active == responseID {
                stopPlayback(&actions)
            } else {
                playback.queue.removeAll { $0.responseID == responseID }
            }
            showConversationState(&actions)
            return
        }
        if playback.active == responseID {
            playback.serverEnded = true
            finishIfDrained(&actions)
        }
    }

    /// Starts the next queued chunk, switching `active` when the next response begins.
    private mutating func playNext(_ now: Instant, _ actions: inout [ClientAction]) {
        guard !playback.queue.isEmpty else { return }
        let next = playback.queue.removeFirst()
        if playback.active != next.responseID {
            playback.active = next.responseID
            playback.serverEnded = false
            playback.playedMicros = 0
        }
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
    }

    mutating func chunkFinishedPlaying(_ now: Instant, _ actions: inout [ClientAction]) {
        guard let current = playback.current else { return }
        playback.current = nil
        playback.playedMicros += current.chunk.chunk.durationMicros
        metrics.playedMicros += current.chunk.chunk.durationMicros
        if playback.queue.isEmpty {
            finishIfDrained(&actions)
        } else {
            playNext(now, &actions)
        }
    }

    private mutating func finishIfDrained(_ actions: inout [ClientAction]) {
        guard playback.serverEnded, playback.current == nil, playback.queue.isEmpty else { return }
        playback.active = nil
        playback.serverEnded = false
        playback.playedMicros = 0
        showConversationState(&actions)
    }

    /// The user spoke over the assistant: stop within this frame and tell the server how much was heard.
    mutating func bargeIn(_ now: Instant, _ actions: inout [ClientAction]) {
        guard let responseID = playback.active else { return }
        var playedMicros = playback.playedMicros
        if let current = playback.current { playedMicros += now.micros(since: current.startedAt) }
        metrics.bargeIns += 1
        metrics.playedMicros += playback.current.map { now.micros(since: $0.startedAt) } ?? 0
        playback.discardedThrough = max(playback.discardedThrough, responseID)
        if !config.plantedBugs.contains(.bargeInKeepsPlaying) { stopPlayback(&actions) }
        let playedMillis = UInt32(clamping: playedMicros / 1_000)
        let interrupt = ClientMessage.interrupt(responseID: responseID, playedMillis: playedMillis)
        if connection == .ready {
            actions.append(.send(interrupt))
        } else {
            pendingInterrupt = interrupt
        }
        showConversationState(&actions)
    }

    /// Silences the speaker and forgets queued audio.
    mutating func stopPlayback(_ actions: inout [ClientAction]) {
        guard let responseID = playback.active else { return }
        if playback.current != nil {
            actions.append(.stopPlayback(responseID: responseID))
            actions.append(.cancelTimer(.playbackChunkEnd))
        }
        playback.current = nil
        playback.queue.removeAll()
        playback.active = nil
        playback.serverEnded = false
        playback.playedMicros = 0
    }
}

// Barge-in and reports of what the user heard.

extension ClientAgent {
    /// The user spoke over the assistant (or was already speaking when a reply would start):
    /// stop within this frame and tell the server how much was heard. Replies queued behind the
    /// active one are stale too: each is refused in turn.
    mutating func bargeIn(_ now: Instant, _ actions: inout [ClientAction]) {
        // Planted bug (mutation testing of the talk-over oracle): report the barge-in, play on.
        if config.plantedBugs.contains(.bargeInKeepsPlaying), let responseID = playback.active {
            metrics.bargeIns += 1
            report(.interrupt(responseID: responseID, playedMillis: UInt32(clamping: playedSoFar(now) / 1_000)), &actions)
            return
        }
        while let responseID = playback.active {
            let playedMicros = playedSoFar(now)
            metrics.bargeIns += 1
            if let current = playback.current {
                metrics.playedMicros += now.micros(since: current.startedAt)
                actions.append(.stopPlayback(responseID: responseID))
                actions.append(.cancelTimer(.playbackChunkEnd))
            }
            playback.discard(through: responseID)
            clearActive(&actions)
            report(.interrupt(responseID: responseID, playedMillis: UInt32(clamping: playedMicros / 1_000)), &actions)
            if let next = playback.queue.first {
                playback.active = next.responseID
                playback.serverEnded = false
            }
        }
        showConversationState(&actions)
    }

    /// Sends a report of what was heard now if connected, and keeps it to send again after a resume.
    mutating func report(_ message: ClientMessage, _ actions: inout [ClientAction]) {
        reports.append(message)
        if reports.count > ClientConfig.reportsKeptMax { reports.removeFirst() }
        if connection == .ready { actions.append(.send(message)) }
    }
}

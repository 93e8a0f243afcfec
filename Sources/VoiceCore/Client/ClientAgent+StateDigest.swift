extension ClientAgent {
    /// A digest of everything the agent holds (connection, replay buffer, VAD, playback, pending
    /// reports, metrics, PRNG, action digest): equal states give equal digests in every process.
    ///
    /// Checkpoints store it beside the action digest, so replay finds a change of state that has
    /// not yet changed any action. Fields are written in a fixed order with the canonical
    /// encodings; nothing is iterated out of a hash table.
    /// - Complexity: O(replay buffer + queued audio + reports)
    package var stateDigest: UInt64 {
        var sink = Digest64()
        writeConnection(to: &sink)
        sink.write(shownState.rawValue)
        sink.write(serverState.rawValue)
        sink.writeVarint(session?.id ?? 0)
        sink.writeVarint(session?.resumeToken ?? 0)
        sink.writeVarint(nextSeq)
        writeReplay(to: &sink)
        vad.writeState(to: &sink)
        writePlayback(to: &sink)
        sink.writeSignedVarint(pendingCommitSeq.map { Int64(clamping: $0) } ?? -1)
        sink.writeCount(reports.count)
        for report in reports { report.encode(to: &sink, audio: .summary) }
        sink.writeSignedVarint(speechEndedAt?.micros ?? -1)
        sink.writeSignedVarint(lastReceivedAt.micros)
        sink.writeVarint(pingNonce)
        writeMetrics(to: &sink)
        var next = random
        sink.writeUInt64(next.next())
        sink.writeUInt64(digest.value)
        sink.writeVarint(actionCount)
        return sink.value
    }

    private func writeConnection<Sink: ByteSink>(to sink: inout Sink) {
        switch connection {
        case .idle: sink.write(0)
        case .connecting(let attempt): sink.write(1); sink.writeSignedVarint(Int64(attempt))
        case .handshaking(let attempt): sink.write(2); sink.writeSignedVarint(Int64(attempt))
        case .ready: sink.write(3)
        case .waitingToRetry(let attempt): sink.write(4); sink.writeSignedVarint(Int64(attempt))
        case .failed: sink.write(5)
        case .ended: sink.write(6)
        }
    }

    private func writeReplay<Sink: ByteSink>(to sink: inout Sink) {
        sink.writeVarint(replay.lastAckedSeq)
        sink.writeVarint(replay.evictedUnackedChunks)
        sink.writeSignedVarint(replay.evictedUnackedMicros)
        let held = replay.entries(after: 0)
        sink.writeCount(held.count)
        for entry in held {
            sink.writeVarint(entry.seq)
            sink.writeUInt64(entry.chunk.fingerprint)
        }
    }

    private func writePlayback<Sink: ByteSink>(to sink: inout Sink) {
        sink.writeSignedVarint(playback.active.map { Int64($0) } ?? -1)
        sink.writeBool(playback.serverEnded)
        sink.writeCount(playback.queue.count)
        for queued in playback.queue.elements {
            sink.writeVarint(UInt64(queued.responseID))
            sink.writeUInt64(queued.chunk.fingerprint)
        }
        sink.writeSignedVarint(playback.current.map { Int64($0.chunk.responseID) } ?? -1)
        sink.writeUInt64(playback.current?.chunk.chunk.fingerprint ?? 0)
        sink.writeSignedVarint(playback.current?.startedAt.micros ?? -1)
        sink.writeSignedVarint(playback.playedMicros)
        sink.writeVarint(UInt64(playback.discardedThrough))
        sink.writeCount(playback.cancelledAhead.count)
        for responseID in playback.cancelledAhead { sink.writeVarint(UInt64(responseID)) }
        sink.writeSignedVarint(playback.idleSince?.micros ?? -1)
        sink.writeBool(playback.idleExpired)
    }

    private func writeMetrics<Sink: ByteSink>(to sink: inout Sink) {
        sink.writeCount(metrics.voiceToVoiceMicros.count)
        for micros in metrics.voiceToVoiceMicros { sink.writeSignedVarint(micros) }
        for count in [metrics.bargeIns, metrics.disconnects, metrics.reconnectAttempts, metrics.resumes,
                      metrics.sessionRestarts, metrics.responsesPlayed] {
            sink.writeVarint(UInt64(count))
        }
        sink.writeVarint(metrics.chunksReplayed)
        sink.writeSignedVarint(metrics.playedMicros)
    }
}

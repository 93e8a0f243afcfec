extension ServerSession {
    /// A digest of everything the session holds (phase, usage, history, the reply in flight and
    /// those awaiting the client's report, the turn, outbox, grace and seq state, counters, PRNG,
    /// action digest): equal states give equal digests in every process.
    ///
    /// Checkpoints store it beside the action digest, so replay finds a change of state (a
    /// billing difference, a history line) long before it shows in an action. Fields are
    /// written in a fixed order with the canonical encodings; nothing comes from a hash table.
    /// - Complexity: O(history + outbox + reply text)
    package var stateDigest: UInt64 {
        var sink = Digest64()
        writePhase(to: &sink)
        sink.writeBool(clientConnected)
        sink.writeVarint(sessionID)
        sink.writeVarint(resumeToken)
        pipeline.encode(to: &sink, audio: .summary)
        usage.encode(to: &sink, audio: .summary)
        sink.writeSignedVarint(highestSeq.map { Int64(clamping: $0) } ?? -1)
        sink.writeSignedVarint(utteranceFirstSeq.map { Int64(clamping: $0) } ?? -1)
        sink.writeCount(history.count)
        for line in history {
            sink.write(line.role.rawValue)
            sink.writeString(line.text)
        }
        writeTurn(to: &sink)
        writeResponse(to: &sink)
        let unconfirmed = activeCall?.unconfirmed ?? []
        sink.writeCount(unconfirmed.count)
        for reply in unconfirmed {
            sink.writeVarint(UInt64(reply.id))
            sink.writeString(reply.text)
            writeAlignment(reply.alignment, to: &sink)
            sink.writeSignedVarint(reply.sentMicros)
            sink.writeBool(reply.completed)
            sink.writeSignedVarint(Int64(reply.historyIndex))
        }
        sink.writeVarint(UInt64(nextResponseID))
        sink.write(conversationState.rawValue)
        sink.writeSignedVarint(activeCall?.graceDeadline?.micros ?? -1)
        sink.writeSignedVarint(seqCarriedOver.map { Int64(clamping: $0) } ?? -1)
        sink.writeBool(activeCall?.sttOpen ?? false)
        sink.writeSignedVarint(lastSTTSendAt.micros)
        sink.writeCount(outbox.count)
        for message in outbox { message.encode(to: &sink, audio: .summary) }
        for count in [counters.speculativeStarts, counters.speculativeConfirmed, counters.speculativeRestarts,
                      counters.speculativeAbandoned, counters.llmRetries, counters.llmFailures, counters.sttReopens,
                      counters.outboxDropped, counters.protocolErrors] {
            sink.writeVarint(UInt64(count))
        }
        var next = random
        sink.writeUInt64(next.next())
        sink.writeUInt64(digest.value)
        sink.writeVarint(actionCount)
        return sink.value
    }

    private func writePhase<Sink: ByteSink>(to sink: inout Sink) {
        switch state {
        case .awaitingHello:
            sink.write(0)
        case .admitting(let userID, let pipeline, let lastAckedSeq):
            sink.write(1)
            sink.writeString(userID)
            pipeline.encode(to: &sink, audio: .summary)
            sink.writeVarint(lastAckedSeq)
        case .active:
            sink.write(2)
        case .ended:
            sink.write(3)
        }
    }

    private func writeTurn<Sink: ByteSink>(to sink: inout Sink) {
        sink.writeString(turn.partialText)
        sink.writeSignedVarint(turn.partialChangedAt.micros)
        sink.writeBool(turn.speechEnded)
        sink.writeSignedVarint(turn.speechEndedAt?.micros ?? -1)
    }

    private func writeResponse<Sink: ByteSink>(to sink: inout Sink) {
        guard let response else {
            sink.write(0)
            return
        }
        sink.write(1)
        sink.writeVarint(UInt64(response.id))
        sink.writeString(response.userText)
        sink.writeBool(response.speculative)
        sink.writeSignedVarint(Int64(response.attempts))
        sink.writeBool(response.waitingToRetry)
        sink.writeBool(response.firstTokenReceived)
        sink.writeBool(response.llmDone)
        sink.writeVarint(response.estimatedInputTokens)
        sink.writeVarint(response.outputTokens)
        sink.writeString(response.text)
        writeAlignment(response.alignment.points, to: &sink)
        sink.writeSignedVarint(response.audioMicros)
        sink.writeSignedVarint(response.latencyStart?.micros ?? -1)
    }

    private func writeAlignment<Sink: ByteSink>(_ alignment: [AlignmentPoint], to sink: inout Sink) {
        sink.writeCount(alignment.count)
        for point in alignment {
            sink.writeSignedVarint(point.audioEndMicros)
            sink.writeVarint(UInt64(point.textEnd))
        }
    }
}

extension ServerSession {
    mutating func sttReported(_ event: STTEvent, _ now: Instant, _ actions: inout [ServerAction]) {
        guard isActive else { return }
        switch event {
        case .opened: break
        case .partial(let text): partial(text, now, &actions)
        case .speechEnded: speechEnded(now, &actions)
        case .final(let text): final(text, now, &actions)
        case .closed(let error): sttClosed(error, now, &actions)
        case .transcript(let requestID, let text): transcribed(requestID, text, now, &actions)
        case .failed(let requestID, let reason): transcriptionFailed(requestID, reason, &actions)
        }
    }

    private mutating func partial(_ text: String, _ now: Instant, _ actions: inout [ServerAction]) {
        send(.partialTranscript(text), &actions)
        guard text != turn.partialText else { return }
        turn.partialText = text
        turn.partialChangedAt = now
        if turn.speechEnded {
            // The speaker went on after endpointing: the utterance is not over.
            turn.speechEnded = false
            actions.append(.cancelTimer(.speculativeHold))
        }
        if let response, response.speculative {
            counters.speculativeAbandoned += 1
            cancelResponse(response, &actions)
        }
    }

    private mutating func speechEnded(_ now: Instant, _ actions: inout [ServerAction]) {
        turn.speechEnded = true
        turn.speechEndedAt = now
        armHold(now, &actions)
    }

    private mutating func armHold(_ now: Instant, _ actions: inout [ServerAction]) {
        guard turn.speechEnded, !turn.partialText.isEmpty, response?.speculative != true else { return }
        let due = max(now, turn.partialChangedAt + config.speculativeHoldMicros)
        actions.append(.setTimer(.speculativeHold, at: due))
    }

    mutating func holdElapsed(_ now: Instant, _ actions: inout [ServerAction]) {
        guard turn.speechEnded, !turn.partialText.isEmpty, response?.speculative != true else { return }
        if let response { cancelResponse(response, &actions) }
        counters.speculativeStarts += 1
        startResponse(userText: turn.partialText, speculative: true, now, &actions)
    }

    /// The final transcript commits the user's turn: confirm, restart or start the reply.
    private mutating func final(_ text: String, _ now: Instant, _ actions: inout [ServerAction]) {
        send(.finalTranscript(text), &actions)
        actions.append(.cancelTimer(.speculativeHold))
        let latencyStart = turn.speechEndedAt ?? now
        turn = TurnTracker()
        guard !text.isEmpty else { return }
        if var current = response, current.speculative {
            if ServerSession.materiallySame(current.userText, text) {
                counters.speculativeConfirmed += 1
                current.speculative = false
                call.response = current
                appendHistory(ConversationTurn(role: .user, text: text))
                return
            }
            counters.speculativeRestarts += 1
            cancelResponse(current, &actions)
        } else if let current = response {
            // A reply still in flight when the user has already said something new is stale.
            cancelResponse(current, &actions)
        }
        appendHistory(ConversationTurn(role: .user, text: text))
        startResponse(userText: text, speculative: false, now, &actions)
        call.response?.latencyStart = latencyStart
    }

    private mutating func sttClosed(_ error: String?, _ now: Instant, _ actions: inout [ServerAction]) {
        guard pipeline == .v2, call.sttOpen else { return }
        counters.sttReopens += 1
        turn.partialText = ""
        turn.speechEnded = false
        actions.append(.cancelTimer(.speculativeHold))
        actions.append(.stt(.open))
        lastSTTSendAt = now
    }

    mutating func sttKeepaliveDue(_ now: Instant, _ actions: inout [ServerAction]) {
        guard call.sttOpen else { return }
        if now.micros(since: lastSTTSendAt) >= config.sttKeepaliveIntervalMicros {
            actions.append(.stt(.keepalive))
            lastSTTSendAt = now
        }
        actions.append(.setTimer(.sttKeepalive, at: lastSTTSendAt + config.sttKeepaliveIntervalMicros))
    }

    // MARK: V1

    mutating func commit(_ lastSeq: UInt64, _ now: Instant, _ actions: inout [ServerAction]) {
        guard isActive, pipeline == .v1 else {
            counters.protocolErrors += 1
            send(protocolError("commit is only valid in a V1 session"), &actions)
            return
        }
        let firstSeq = utteranceFirstSeq ?? lastSeq
        utteranceFirstSeq = nil
        guard firstSeq <= lastSeq else { return }
        if let current = response { cancelResponse(current, &actions) }
        guard let highest = highestSeq, lastSeq <= highest else {
            counters.protocolErrors += 1
            send(protocolError("commit of seq \(lastSeq) beyond the last audio received"), &actions)
            return
        }
        let chunks = Int64(clamping: lastSeq - firstSeq).addingSaturating(1)
        usage.sttMicros = usage.sttMicros.addingSaturating(chunks.multipliedSaturating(by: AudioFormat.micChunkMicros))
        turn.speechEndedAt = now
        let requestID = nextResponseID
        actions.append(.stt(.transcribe(requestID: requestID, firstSeq: firstSeq, lastSeq: lastSeq)))
        setState(.thinking, &actions)
    }

    private mutating func transcribed(_ requestID: UInt32, _ text: String, _ now: Instant,
                                      _ actions: inout [ServerAction]) {
        guard pipeline == .v1, requestID == nextResponseID, response == nil else { return }
        send(.finalTranscript(text), &actions)
        guard !text.isEmpty else {
            setState(.listening, &actions)
            return
        }
        appendHistory(ConversationTurn(role: .user, text: text))
        let latencyStart = turn.speechEndedAt
        startResponse(userText: text, speculative: false, now, &actions)
        call.response?.latencyStart = latencyStart
    }

    private mutating func transcriptionFailed(_ requestID: UInt32, _ reason: String, _ actions: inout [ServerAction]) {
        guard pipeline == .v1, requestID == nextResponseID, response == nil else { return }
        send(.error(code: .providerFailed, message: "speech-to-text failed: \(reason)"), &actions)
        setState(.listening, &actions)
    }

    /// Equal after case folding, dropping punctuation and collapsing spaces.
    package static func materiallySame(_ lhs: String, _ rhs: String) -> Bool {
        normalized(lhs) == normalized(rhs)
    }

    static func normalized(_ text: String) -> [UInt8] {
        var result: [UInt8] = []
        var pendingSpace = false
        for byte in text.utf8 {
            let lower = (byte >= 65 && byte <= 90) ? byte + 32 : byte
            let isWordByte = (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) || lower >= 128
                || lower == 39
            if isWordByte {
                if pendingSpace && !result.isEmpty { result.append(32) }
                pendingSpace = false
                result.append(lower)
            } else if lower == 32 || lower == 9 || lower == 10 {
                pendingSpace = true
            }
        }
        return result
    }

    mutating func appendHistory(_ line: ConversationTurn) {
        history.append(line)
    }
}

extension ServerSession {
    mutating func startResponse(userText: String, speculative: Bool, _ now: Instant, _ actions: inout [ServerAction]) {
        let id = nextResponseID
        nextResponseID += 1
        var request = llmHistory()
        if speculative { request.append(ConversationTurn(role: .user, text: userText)) }
        let inputBytes = request.reduce(0) { $0 + $1.text.utf8.count }
        response = Response(id: id, userText: userText, speculative: speculative,
                            estimatedInputTokens: UInt64((inputBytes + 3) / 4), latencyStart: turn.speechEndedAt)
        actions.append(.llm(.start(requestID: id, history: request, stream: pipeline == .v2)))
        if pipeline == .v2 { actions.append(.tts(.start(responseID: id))) }
        actions.append(.setTimer(.llmTimeout, at: now + config.llmFirstTokenTimeoutMicros))
        setState(.thinking, &actions)
    }

    /// The most recent history lines, without lines emptied by a barge-in.
    func llmHistory() -> [ConversationTurn] {
        let spoken = history.filter { !$0.text.isEmpty }
        return Array(spoken.suffix(config.historyTurnsMax))
    }

    mutating func llmReported(_ event: LLMEvent, _ now: Instant, _ actions: inout [ServerAction]) {
        guard phase == .active else { return }
        switch event {
        case .token(let requestID, let text):
            guard var current = response, current.id == requestID, !current.llmDone else { return }
            if !current.firstTokenReceived {
                current.firstTokenReceived = true
                actions.append(.cancelTimer(.llmTimeout))
            }
            current.text += text
            current.outputTokens += 1
            response = current
            if pipeline == .v2 {
                usage.ttsCharacters += UInt64(text.utf8.count)
                actions.append(.tts(.text(responseID: requestID, text: text)))
            }
        case .done(let requestID, let inputTokens, let outputTokens):
            guard var current = response, current.id == requestID, !current.llmDone else { return }
            current.llmDone = true
            response = current
            actions.append(.cancelTimer(.llmTimeout))
            usage.llmInputTokens += UInt64(inputTokens)
            usage.llmOutputTokens += UInt64(outputTokens)
            switch pipeline {
            case .v2:
                actions.append(.tts(.flush(responseID: requestID)))
            case .v1:
                usage.ttsCharacters += UInt64(current.text.utf8.count)
                actions.append(.tts(.synthesize(responseID: requestID, text: current.text)))
            }
        case .failed(let requestID, let reason):
            guard let current = response, current.id == requestID, !current.llmDone else { return }
            llmAttemptFailed(current, reason: reason, now, &actions)
        }
    }

    mutating func llmTimedOut(_ now: Instant, _ actions: inout [ServerAction]) {
        guard let current = response, !current.firstTokenReceived, !current.llmDone else { return }
        actions.append(.llm(.cancel(requestID: current.id)))
        llmAttemptFailed(current, reason: "no first token within \(config.llmFirstTokenTimeoutMicros / 1_000) ms",
                         now, &actions)
    }

    /// Retries a reply that produced nothing yet; a reply that already spoke finishes with what it has.
    private mutating func llmAttemptFailed(_ failed: Response, reason: String, _ now: Instant,
                                           _ actions: inout [ServerAction]) {
        var current = failed
        usage.llmInputTokens += current.estimatedInputTokens
        if current.firstTokenReceived {
            current.llmDone = true
            usage.llmOutputTokens += current.outputTokens
            response = current
            if pipeline == .v2 { actions.append(.tts(.flush(responseID: current.id))) }
            return
        }
        guard current.attempts < config.llmAttemptsMax else {
            counters.llmFailures += 1
            cancelResponse(current, &actions)
            send(.error(code: .providerFailed, message: "the language model failed \(current.attempts) times: \(reason)"),
                 &actions)
            return
        }
        counters.llmRetries += 1
        current.attempts += 1
        response = current
        var request = llmHistory()
        if current.speculative { request.append(ConversationTurn(role: .user, text: current.userText)) }
        actions.append(.llm(.start(requestID: current.id, history: request, stream: pipeline == .v2)))
        actions.append(.setTimer(.llmTimeout, at: now + config.llmFirstTokenTimeoutMicros))
    }

    mutating func ttsReported(_ event: TTSEvent, _ now: Instant, _ actions: inout [ServerAction]) {
        guard phase == .active else { return }
        switch event {
        case .audio(let responseID, let chunk, let textEnd):
            guard var current = response, current.id == responseID else { return }
            if current.audioMicros == 0 {
                send(.responseStart(responseID: responseID), &actions)
                if let start = current.latencyStart { usage.turnLatencyMicros.append(now.micros(since: start)) }
                setState(.speaking, &actions)
            }
            current.audioMicros += chunk.durationMicros
            current.alignment.append(AlignmentPoint(audioEndMicros: current.audioMicros, textEnd: textEnd))
            response = current
            send(.responseAudio(responseID: responseID, chunk: chunk), &actions)
        case .done(let responseID):
            guard let current = response, current.id == responseID, current.llmDone else { return }
            send(.responseEnd(responseID: responseID, cancelled: false), &actions)
            appendHistory(ConversationTurn(role: .assistant, text: current.text))
            finished = FinishedResponse(id: current.id, text: current.text, alignment: current.alignment,
                                        historyIndex: history.count - 1)
            usage.turns += 1
            response = nil
            actions.append(.cancelTimer(.llmTimeout))
            setState(.listening, &actions)
        case .failed(let responseID, let reason):
            guard let current = response, current.id == responseID else { return }
            supersede(current, &actions)
            send(.error(code: .providerFailed, message: "text-to-speech failed: \(reason)"), &actions)
        }
    }

    /// Barge-in: stop generating, and keep in history only what the user heard.
    mutating func interrupt(_ responseID: UInt32, _ playedMillis: UInt32, _ now: Instant,
                            _ actions: inout [ServerAction]) {
        guard phase == .active else { return }
        let playedMicros = Int64(playedMillis) * 1_000
        if let current = response, current.id == responseID {
            usage.interruptions += 1
            usage.turns += 1
            let spoken = config.plantedBugs.contains(.historyKeepsUnplayedText)
                ? current.text : spokenText(current.text, current.alignment, playedMicros: playedMicros)
            if !spoken.isEmpty { appendHistory(ConversationTurn(role: .assistant, text: spoken)) }
            cancelResponse(current, bargeIn: true, &actions)
        } else if let done = finished, done.id == responseID {
            usage.interruptions += 1
            history[done.historyIndex].text = spokenText(done.text, done.alignment, playedMicros: playedMicros)
            finished = nil
        }
    }

    /// Cancels provider work for `current`, tells the client, and returns to listening.
    mutating func cancelResponse(_ current: Response, bargeIn: Bool = false, _ actions: inout [ServerAction]) {
        if !current.llmDone && !config.plantedBugs.contains(.cancelledTokensNotBilled) {
            usage.llmInputTokens += current.estimatedInputTokens
            usage.llmOutputTokens += current.outputTokens
        }
        cancelProviders(current, keepTTS: bargeIn && config.plantedBugs.contains(.ttsNotCancelledOnBargeIn), &actions)
        actions.append(.cancelTimer(.llmTimeout))
        if current.audioMicros > 0 { send(.responseEnd(responseID: current.id, cancelled: true), &actions) }
        response = nil
        setState(.listening, &actions)
    }

    mutating func cancelProviders(_ current: Response, keepTTS: Bool = false, _ actions: inout [ServerAction]) {
        if !current.llmDone { actions.append(.llm(.cancel(requestID: current.id))) }
        if !keepTTS && (pipeline == .v2 || current.llmDone) { actions.append(.tts(.cancel(responseID: current.id))) }
    }

    /// The prefix of `text` whose audio finished playing within `playedMicros`, cut at a word boundary.
    func spokenText(_ text: String, _ alignment: [AlignmentPoint], playedMicros: Int64) -> String {
        var end = 0
        for point in alignment where point.audioEndMicros <= playedMicros { end = Int(point.textEnd) }
        let bytes = Array(text.utf8)
        end = min(end, bytes.count)
        if end < bytes.count && bytes[end] != 32 {
            while end > 0 && bytes[end - 1] != 32 { end -= 1 }
        }
        var prefix = bytes[..<end]
        while let last = prefix.last, last == 32 { prefix = prefix.dropLast() }
        while let first = prefix.first, first == 32 { prefix = prefix.dropFirst() }
        return String(decoding: prefix, as: UTF8.self)
    }
}

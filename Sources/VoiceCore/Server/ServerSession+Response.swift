extension ServerSession {
    mutating func startResponse(userText: String, speculative: Bool, _ now: Instant, _ actions: inout [ServerAction]) {
        let id = nextResponseID
        nextResponseID += 1
        call.response = Response(id: id, userText: userText, speculative: speculative, estimatedInputTokens: 0,
                            latencyStart: turn.speechEndedAt)
        startAttempt(opensTTS: pipeline == .v2, now, &actions)
        setState(.thinking, &actions)
    }

    /// Sends the current response's request to the LLM (first attempt or a retry).
    private mutating func startAttempt(opensTTS: Bool = false, _ now: Instant, _ actions: inout [ServerAction]) {
        guard var current = response else { return }
        var request = llmHistory()
        if current.speculative { request.append(ConversationTurn(role: .user, text: current.userText)) }
        current.estimatedInputTokens = estimatedInputTokens(request)
        current.outputTokens = 0
        current.waitingToRetry = false
        call.response = current
        actions.append(.llm(.start(requestID: current.id, history: request, stream: pipeline == .v2)))
        if opensTTS { actions.append(.tts(.start(responseID: current.id))) }
        actions.append(.setTimer(.llmTimeout, at: now + config.llmFirstTokenTimeoutMicros))
    }

    /// The provider's input-token rule: the system prompt plus a token per four UTF-8 bytes.
    func estimatedInputTokens(_ request: [ConversationTurn]) -> UInt64 {
        let bytes = request.reduce(0) { $0 + $1.text.utf8.count }
        return UInt64(config.llmSystemPromptTokens) + UInt64(bytes / 4)
    }

    /// The most recent history lines, without lines emptied by a barge-in or not (yet) heard.
    func llmHistory() -> [ConversationTurn] {
        let spoken = history.filter { !$0.text.isEmpty }
        return Array(spoken.suffix(config.historyTurnsMax))
    }

    mutating func llmReported(_ event: LLMEvent, _ now: Instant, _ actions: inout [ServerAction]) {
        guard isActive else { return }
        switch event {
        case .token(let requestID, let text):
            // In place, as for TTS chunks: a copy of the reply would copy its text on every token.
            let firstToken = updateCall { call -> Bool? in
                guard call.response?.id == requestID, call.response?.llmRunning == true else { return nil }
                let first = call.response?.firstTokenReceived == false
                call.response?.firstTokenReceived = true
                call.response?.text += text
                call.response?.outputTokens += 1
                return first
            }
            guard let firstToken else { return }
            if firstToken { actions.append(.cancelTimer(.llmTimeout)) }
            if pipeline == .v2 {
                usage.ttsCharacters += UInt64(text.utf8.count)
                actions.append(.tts(.text(responseID: requestID, text: text)))
            }
        case .done(let requestID, let inputTokens, let outputTokens):
            guard var current = response, current.id == requestID, current.llmRunning else { return }
            current.llmDone = true
            call.response = current
            actions.append(.cancelTimer(.llmTimeout))
            usage.llmInputTokens += UInt64(inputTokens)
            usage.llmOutputTokens += UInt64(outputTokens)
            finishText(current, &actions)
        case .failed(let requestID, let reason):
            guard let current = response, current.id == requestID, current.llmRunning else { return }
            llmAttemptFailed(current, reason: reason, now, &actions)
        }
    }

    /// No more text is coming: TTS speaks what there is.
    private mutating func finishText(_ current: Response, _ actions: inout [ServerAction]) {
        switch pipeline {
        case .v2:
            actions.append(.tts(.flush(responseID: current.id)))
        case .v1:
            usage.ttsCharacters += UInt64(current.text.utf8.count)
            actions.append(.tts(.synthesize(responseID: current.id, text: current.text)))
        }
    }

    mutating func llmTimedOut(_ now: Instant, _ actions: inout [ServerAction]) {
        guard let current = response, current.llmRunning, !current.firstTokenReceived else { return }
        actions.append(.llm(.cancel(requestID: current.id)))
        billCancelledAttempt(current)
        llmAttemptFailed(current, reason: "no first token within \(config.llmFirstTokenTimeoutMicros / 1_000) ms",
                         timedOut: true, now, &actions)
    }

    /// After a failed attempt: a reply that already spoke finishes with what it has and the user
    /// is told; one that produced nothing is retried after a backoff, or given up. A failure
    /// report bills like a cancel when the attempt streamed tokens, and nothing when it did not
    /// (the provider rejected it); a timed-out attempt was billed by its cancel.
    private mutating func llmAttemptFailed(_ failed: Response, reason: String, timedOut: Bool = false,
                                           _ now: Instant, _ actions: inout [ServerAction]) {
        var current = failed
        if !timedOut {
            if current.outputTokens > 0 { billCancelledAttempt(current) }
            if !current.firstTokenReceived { actions.append(.cancelTimer(.llmTimeout)) }
        }
        if current.firstTokenReceived {
            current.llmDone = true
            call.response = current
            finishText(current, &actions)
            send(.error(code: .providerFailed, message: "the language model stopped mid-reply: \(reason)"), &actions)
            return
        }
        guard current.attempts < config.llmAttemptsMax else {
            counters.llmFailures += 1
            // Nothing was said (no token), so there is no audio to end and no LLM call to cancel.
            if pipeline == .v2 { actions.append(.tts(.cancel(responseID: current.id))) }
            call.response = nil
            setState(.listening, &actions)
            send(.error(code: .providerFailed, message: "the language model failed \(current.attempts) times: \(reason)"),
                 &actions)
            return
        }
        counters.llmRetries += 1
        let ceiling = config.llmRetryCeilingMicros(retry: current.attempts)
        let delay = random.inRange(ceiling / 2, ceiling)
        current.attempts += 1
        current.waitingToRetry = true
        current.outputTokens = 0
        call.response = current
        actions.append(.setTimer(.llmRetry, at: now + delay))
    }

    mutating func llmRetryDue(_ now: Instant, _ actions: inout [ServerAction]) {
        guard let current = response, current.waitingToRetry else { return }
        startAttempt(now, &actions)
    }

    /// A cancelled (or mid-stream failed) attempt: its request by the provider's input rule, and
    /// the tokens it streamed.
    private mutating func billCancelledAttempt(_ attempt: Response) {
        usage.llmInputTokens += attempt.estimatedInputTokens
        usage.llmOutputTokens += attempt.outputTokens
    }

    mutating func ttsReported(_ event: TTSEvent, _ now: Instant, _ actions: inout [ServerAction]) {
        guard isActive else { return }
        switch event {
        case .audio(let responseID, let chunk, let textEnd):
            // The reply is read and changed in place, once: a copy of it would copy its growing
            // alignment, and this runs for every chunk of every reply.
            var first = false
            var latencyStart: Instant?
            let current = updateCall { call in
                guard call.response?.id == responseID else { return false }
                first = call.response?.audioMicros == 0
                latencyStart = call.response?.latencyStart
                call.response?.appendAudio(micros: chunk.durationMicros, textEnd: textEnd)
                return true
            }
            guard current else { return }
            if first {
                send(.responseStart(responseID: responseID), &actions)
                if let latencyStart { usage.turnLatencyMicros.append(now.micros(since: latencyStart)) }
                setState(.speaking, &actions)
            }
            send(.responseAudio(responseID: responseID, chunk: chunk), &actions)
        case .done(let responseID):
            guard let current = response, current.id == responseID, current.llmDone else { return }
            send(.responseEnd(responseID: responseID, cancelled: false), &actions)
            awaitReport(current, completed: true)
            usage.turns += 1
            call.response = nil
            actions.append(.cancelTimer(.llmTimeout))
            setState(.listening, &actions)
        case .failed(let responseID, let reason):
            guard let current = response, current.id == responseID else { return }
            cancelResponse(current, &actions)
            send(.error(code: .providerFailed, message: "text-to-speech failed: \(reason)"), &actions)
        }
    }

    /// Cancels provider work for `current` (billing a running LLM attempt), tells the client,
    /// and returns to listening. Audio already sent waits for the client's played report.
    mutating func cancelResponse(_ current: Response, bargeIn: Bool = false, _ actions: inout [ServerAction]) {
        cancelProviders(current, keepTTS: bargeIn && config.plantedBugs.contains(.ttsNotCancelledOnBargeIn), &actions)
        actions.append(.cancelTimer(.llmTimeout))
        if current.audioMicros > 0 {
            send(.responseEnd(responseID: current.id, cancelled: true), &actions)
            awaitReport(current, completed: false)
        }
        call.response = nil
        setState(.listening, &actions)
    }

    /// Stops the LLM (billing the running attempt) and TTS of `current`.
    mutating func cancelProviders(_ current: Response, keepTTS: Bool = false, _ actions: inout [ServerAction]) {
        if current.llmRunning {
            if !config.plantedBugs.contains(.cancelledTokensNotBilled) { billCancelledAttempt(current) }
            actions.append(.llm(.cancel(requestID: current.id)))
        }
        if current.waitingToRetry { actions.append(.cancelTimer(.llmRetry)) }
        if !keepTTS && (pipeline == .v2 || current.llmDone) { actions.append(.tts(.cancel(responseID: current.id))) }
    }
}

extension Response {
    /// An LLM attempt is out: started, not finished, not waiting for a retry.
    var llmRunning: Bool { !llmDone && !waitingToRetry }

    /// Counts `micros` more audio sent, which speaks the text up to byte `textEnd`.
    mutating func appendAudio(micros: Int64, textEnd: UInt32) {
        audioMicros += micros
        alignment.append(AlignmentPoint(audioEndMicros: audioMicros, textEnd: textEnd))
    }
}

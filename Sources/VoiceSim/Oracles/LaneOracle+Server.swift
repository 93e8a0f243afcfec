import VoiceCore

extension LaneOracle {
    /// Before the server handles `event`. `connectionOpen`: the world holds a client connection.
    mutating func serverInput(_ event: ServerEvent, _ now: Instant, connectionOpen: Bool, active: Bool) {
        switch event {
        case .timerFired(let timer):
            serverTimers.fired(Int(timer.rawValue))
            if timer == .resumeGrace && connectionOpen {
                report(.graceExpiredWhileConnected, now, "the resume grace timer fired while a client connection was open")
            }
        case .received(.interrupt(let responseID, _)) where active:
            reply.reportReceived(responseID, bargeIn: true, session: provider.session)
        case .received(.played(let responseID, _)) where active:
            reply.reportReceived(responseID, bargeIn: false, session: provider.session)
        default:
            break
        }
    }

    /// Each server action, in order; `server` is the machine after the step.
    mutating func serverAction(_ action: ServerAction, _ now: Instant, step: UInt64) {
        switch action {
        case .send(let message):
            serverSent(message, now)
        case .stt(.audio(_, let chunk)):
            provider.sttAudio(chunk.durationMicros)
            guard pipeline == .v2 else { return }
            if let arrival = mic.reachedSTT(chunk) {
                if arrival.count == 2 {
                    report(.micAudioDuplicated, now, "mic chunk \(arrival.index + 1) (captured at "
                        + "\(mic.chunks[arrival.index].capturedAt)) reached STT a second time")
                }
            }
        case .stt(.transcribe(_, let firstSeq, let lastSeq)):
            provider.sttTranscribe(firstSeq: firstSeq, lastSeq: lastSeq)
        case .stt(.open), .stt(.keepalive), .stt(.close):
            break
        case .llm(.start(let requestID, _, _)):
            reply.started(requestID, session: provider.session, at: now)
            checkRetry(requestID, now, step: step)
        case .llm(.cancel(let requestID)):
            provider.llmCancelled(requestID, at: now)
            lastLLMEnd = (requestID, now, step)
        case .tts(.start(let responseID)):
            provider.ttsOpened(responseID)
        case .tts(.text(let responseID, let text)):
            provider.ttsText(text)
            reply.textSent(responseID, text)
        case .tts(.synthesize(let responseID, let text)):
            provider.ttsOpened(responseID)
            provider.ttsText(text)
            reply.synthesized(responseID, text)
        case .tts(.flush):
            break
        case .tts(.cancel(let responseID)):
            provider.ttsClosed(responseID)
        case .setTimer(let timer, _):
            if serverTimers.arm(Int(timer.rawValue)) && timer.mustNotRearm {
                report(.timerRearmed, now, "server timer \(timer) set again while pending")
            }
        case .cancelTimer(let timer):
            serverTimers.cancel(Int(timer.rawValue))
        case .closeConnection, .requestAdmission, .sessionEnded:
            break
        }
    }

    /// The session ended with `usage`; `history` is its conversation at that moment.
    mutating func sessionEnded(_ usage: SessionUsage, history: [ConversationTurn]) {
        if sessions.isEmpty { sessions.append(SessionRecord()) }
        sessions[sessions.count - 1].usage = usage
        sessions[sessions.count - 1].assistantLines = assistantLines(history)
        sessions[sessions.count - 1].ended = true
    }

    private mutating func serverSent(_ message: ServerMessage, _ now: Instant) {
        switch message {
        case .welcome(_, _, _, let resumed) where !resumed:
            provider.sessionStarted()
            reply.sessionStarted()
            sessions.append(SessionRecord())
        case .responseAudio(let responseID, let chunk):
            reply.sent(responseID, chunk, at: now)
        case .responseEnd(let responseID, let cancelled):
            if cancelled { reply.abandoned(responseID, at: now) } else { reply.ended(responseID, at: now) }
            reply.awaitReport(responseID, awaitingMax: awaitingMax)
        default:
            break
        }
    }

    /// The world started an LLM attempt as stream `generation` (after `serverAction` saw the start).
    mutating func llmAttemptStarted(_ requestID: UInt32, generation: UInt32, history: [ConversationTurn],
                                    systemPromptTokens: UInt32) {
        let input = LLMModel.inputTokens(history, systemPromptTokens: systemPromptTokens)
        provider.llmStarted(requestID, generation: generation, inputTokens: UInt64(input))
    }

    /// A provider event the world delivers to the server (after its stream checks).
    mutating func llmEvent(_ event: LLMEvent, generation: UInt32, _ now: Instant, step: UInt64) {
        switch event {
        case .token:
            provider.llmToken(generation: generation)
        case .done(_, let input, let output):
            provider.llmEnded(generation: generation, .completed(inputTokens: UInt64(input), outputTokens: UInt64(output)),
                              at: now)
        case .failed(let requestID, _):
            provider.llmEnded(generation: generation, .failed, at: now)
            lastLLMEnd = (requestID, now, step)
        }
    }

    /// A TTS event due now; `delivered` is false when the world drops it (cancelled response).
    mutating func ttsEvent(_ event: TTSEvent, delivered: Bool) {
        switch event {
        case .audio(let responseID, let chunk, let textEnd):
            if delivered { reply.aligned(responseID, chunk, textEnd: textEnd) }
        case .done(let responseID), .failed(let responseID, _):
            provider.ttsClosed(responseID)
        }
    }

    /// After every server step: provider streams belong to the current response only.
    mutating func serverStepDone(_ now: Instant, active: Bool, current: UInt32?) {
        for requestID in provider.openLLM where requestID != current {
            report(.providerStreamLeak, now, "LLM stream of response \(requestID) open while "
                + (current.map { "\($0) is current" } ?? "no response is current" + (active ? "" : " (session over)")))
        }
        for responseID in provider.openTTS where responseID != current {
            report(.providerStreamLeak, now, "TTS stream of response \(responseID) open while "
                + (current.map { "\($0) is current" } ?? "no response is current" + (active ? "" : " (session over)")))
        }
    }

    private mutating func checkRetry(_ requestID: UInt32, _ now: Instant, step: UInt64) {
        guard provider.lastAttempt(of: requestID) != nil, let end = lastLLMEnd, end.requestID == requestID else { return }
        if end.step == step {
            report(.retryBackoff, now, "LLM request \(requestID) retried in the step its last attempt failed (no backoff)")
        } else if now.micros(since: end.at) > LaneOracle.llmRetryDelayMicrosMax {
            report(.retryBackoff, now, "LLM request \(requestID) retried \(now.micros(since: end.at) / 1_000) ms after "
                + "its failure (cap \(LaneOracle.llmRetryDelayMicrosMax / 1_000) ms)")
        }
    }
}

import Recorder
import VoiceCore

extension SessionTimelineBuilder {
    mutating func server(_ lane: UInt32, _ input: ServerEvent, _ actions: [ServerAction], _ event: RecordedEvent) {
        let now = event.time
        let index = event.index
        switch input {
        case .clientConnected:
            moment(lane, .connection, .server, now, "client connected", index: index)
        case .clientDisconnected:
            moment(lane, .connection, .server, now, "client disconnected", index: index)
            dropInFlight(lane, at: now)
        case .received(let message):
            delivered(lane, .uplink, Self.key(message), at: now)
            switch message {
            case .hello(let userID, let pipeline, _):
                moment(lane, .uplink, .server, now, "hello from \(userID) (\(pipeline))", index: index)
            case .resume(_, _, let lastAckedSeq):
                moment(lane, .uplink, .server, now, "resume (client acked up to seq \(lastAckedSeq))", index: index)
            case .played(let responseID, let playedMillis):
                moment(lane, .uplink, .server, now, "client played \(playedMillis) ms of response \(responseID)",
                       index: index, significant: false)
            case .audio, .commit, .interrupt, .ping, .bye:
                break
            }
        case .admission(let admission):
            if case .refused(let reason) = admission {
                moment(lane, .connection, .server, now, "admission refused: \(reason)", index: index, highlight: .error)
            }
        case .stt(let stt):
            sttEvent(lane, stt, event)
        case .llm(let llm):
            llmEvent(lane, llm, event)
        case .tts(let tts):
            ttsEvent(lane, tts, event)
        case .timerFired:
            break
        }
        for action in actions { serverAction(lane, action, event) }
    }

    private mutating func sttEvent(_ lane: UInt32, _ stt: STTEvent, _ event: RecordedEvent) {
        let now = event.time
        switch stt {
        case .opened:
            switchSpan(lane, .stt, "stream open", now)
        case .partial(let text):
            moment(lane, .stt, .provider, now, "partial: \(text)", index: event.index, significant: false)
        case .final(let text), .transcript(_, let text):
            lanes[Int(lane)].finals.append((now, text))
            moment(lane, .stt, .provider, now, "STT final: \(text)", index: event.index)
        case .speechEnded:
            moment(lane, .stt, .provider, now, "STT endpoint (speech ended)", index: event.index)
        case .closed(let error):
            closeSpan(lane, .stt, now)
            moment(lane, .stt, .provider, now, "STT stream closed" + (error.map { ": \($0)" } ?? ""),
                   index: event.index, highlight: error == nil ? nil : .error, significant: error != nil)
        case .failed(_, let reason):
            moment(lane, .stt, .provider, now, "STT failed: \(reason)", index: event.index, highlight: .error)
        }
    }

    private mutating func llmEvent(_ lane: UInt32, _ llm: LLMEvent, _ event: RecordedEvent) {
        let now = event.time
        switch llm {
        case .token(let requestID, let text):
            if lanes[Int(lane)].llmFirstToken.insert(requestID).inserted {
                let after = lanes[Int(lane)].llmStarted[requestID].map { " after \(Self.millis(now.micros(since: $0)))" }
                moment(lane, .llm, .provider, now, "LLM first token of request \(requestID)\(after ?? "")",
                       index: event.index)
            }
            moment(lane, .llm, .provider, now, "token: \(text)", index: event.index, significant: false)
        case .done(let requestID, let inputTokens, let outputTokens):
            closeSpan(lane, .llm, now)
            moment(lane, .llm, .provider, now, "LLM request \(requestID) done (\(inputTokens) in, \(outputTokens) out)",
                   index: event.index)
        case .failed(let requestID, let reason):
            closeSpan(lane, .llm, now)
            moment(lane, .llm, .provider, now, "LLM request \(requestID) failed: \(reason)", index: event.index,
                   highlight: .error)
        }
    }

    private mutating func ttsEvent(_ lane: UInt32, _ tts: TTSEvent, _ event: RecordedEvent) {
        let now = event.time
        switch tts {
        case .audio(let responseID, let chunk, _):
            extendSpan(lane, .tts, "audio \(responseID)", from: now, to: now + chunk.durationMicros)
            if lanes[Int(lane)].ttsFirstAudio.insert(responseID).inserted {
                let after = lanes[Int(lane)].ttsFirstText[responseID].map {
                    " after \(Self.millis(now.micros(since: $0)))"
                }
                moment(lane, .tts, .provider, now, "TTS first audio of response \(responseID)\(after ?? "")",
                       index: event.index)
            }
        case .done(let responseID):
            closeSpan(lane, .tts, now)
            moment(lane, .tts, .provider, now, "TTS done (response \(responseID))", index: event.index,
                   significant: false)
        case .failed(let responseID, let reason):
            closeSpan(lane, .tts, now)
            moment(lane, .tts, .provider, now, "TTS failed for response \(responseID): \(reason)", index: event.index,
                   highlight: .error)
        }
    }

    private mutating func serverAction(_ lane: UInt32, _ action: ServerAction, _ event: RecordedEvent) {
        let now = event.time
        let index = event.index
        switch action {
        case .send(let message):
            sent(lane, .downlink, Self.key(message), at: now)
            switch message {
            case .welcome(let sessionID, _, _, let resumed):
                moment(lane, .downlink, .server, now, (resumed ? "welcome back" : "welcome") + ", session \(sessionID)",
                       index: index)
            case .finalTranscript(let text):
                moment(lane, .downlink, .server, now, "final transcript: \(text)", index: index)
            case .responseStart(let responseID):
                moment(lane, .downlink, .server, now, "response \(responseID) starts", index: index)
            case .responseEnd(let responseID, let cancelled):
                moment(lane, .downlink, .server, now, "response \(responseID) \(cancelled ? "cancelled" : "ends")",
                       index: index)
            case .error(let code, let text):
                moment(lane, .downlink, .server, now, "error \(code): \(text)", index: index, highlight: .error)
            case .partialTranscript, .responseAudio, .state, .ack, .pong:
                break
            }
        case .stt(.open):
            moment(lane, .stt, .provider, now, "STT stream opening", index: index, significant: false)
        case .llm(.start(let requestID, let history, _)):
            lanes[Int(lane)].llmStarted[requestID] = now
            switchSpan(lane, .llm, "request \(requestID)", now)
            let said = history.last(where: { $0.role == .user })?.text ?? ""
            moment(lane, .llm, .provider, now, "LLM request \(requestID): \(said)", index: index)
        case .llm(.cancel(let requestID)):
            closeSpan(lane, .llm, now)
            moment(lane, .llm, .provider, now, "LLM request \(requestID) cancelled", index: index)
        case .tts(.start(let responseID)):
            moment(lane, .tts, .provider, now, "TTS stream for response \(responseID)", index: index, significant: false)
        case .tts(.text(let responseID, _)), .tts(.synthesize(let responseID, _)):
            if lanes[Int(lane)].ttsFirstText[responseID] == nil { lanes[Int(lane)].ttsFirstText[responseID] = now }
        case .tts(.cancel(let responseID)):
            closeSpan(lane, .tts, now)
            moment(lane, .tts, .provider, now, "TTS cancelled (response \(responseID))", index: index)
        case .sessionEnded(let usage):
            moment(lane, .connection, .server, now,
                   "session ended: \(usage.interruptions) interruptions, cost $\(Self.dollars(usage.costMicroUSD()))",
                   index: index)
        case .closeConnection:
            moment(lane, .connection, .server, now, "server closes the connection", index: index)
        case .stt, .tts(.flush), .requestAdmission, .setTimer, .cancelTimer:
            break
        }
    }

    static func dollars(_ microUSD: Int64) -> String {
        let fraction = String(microUSD % 1_000_000)
        return "\(microUSD / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }
}

import VoiceCore

// The toy world around the machines: what each action turns into, and when.
extension SyntheticCall {
    static let linkMicros: Int64 = 30_000
    static let connectMicros: Int64 = 40_000

    mutating func route(_ output: MachineOutput) {
        switch output {
        case .client(let actions): for action in actions { routeClient(action) }
        case .server(let actions): for action in actions { routeServer(action) }
        }
    }

    private mutating func routeClient(_ action: ClientAction) {
        switch action {
        case .connect:
            let outageEnd = durationMicros / 2 + Self.outageMicros
            let refused = now.micros >= durationMicros / 2 && now.micros < outageEnd
            if refused {
                schedule(.deliver(.client(lane: lane, .disconnected(.refused))), at: now + Self.connectMicros)
            } else {
                linkUp = true
                schedule(.deliver(.server(lane: lane, .clientConnected)), at: now + Self.connectMicros)
                schedule(.deliver(.client(lane: lane, .connected)), at: now + Self.connectMicros)
            }
        case .disconnect:
            guard linkUp else { return }
            linkUp = false
            schedule(.deliver(.server(lane: lane, .clientDisconnected)), at: now + Self.linkMicros)
        case .send(let message):
            guard linkUp else { return }
            lastDelivery.toServer = max(lastDelivery.toServer, now + Self.linkMicros + random.inRange(0, 8_000))
            schedule(.deliver(.server(lane: lane, .received(message))), at: lastDelivery.toServer)
        case .setTimer(let timer, let deadline):
            setTimer(client: true, raw: timer.rawValue, at: deadline)
        case .cancelTimer(let timer):
            timerGenerations[Self.timerKey(client: true, raw: timer.rawValue), default: 0] += 1
        case .play, .stopPlayback, .showState:
            break
        }
    }

    private mutating func routeServer(_ action: ServerAction) {
        switch action {
        case .send(let message):
            guard linkUp else { return }
            lastDelivery.toClient = max(lastDelivery.toClient, now + Self.linkMicros + random.inRange(0, 8_000))
            schedule(.deliver(.client(lane: lane, .received(message))), at: lastDelivery.toClient)
        case .closeConnection:
            guard linkUp else { return }
            linkUp = false
            schedule(.deliver(.client(lane: lane, .disconnected(.closedByPeer))), at: now + Self.linkMicros)
        case .requestAdmission:
            schedule(.deliver(.server(lane: lane, .admission(.granted))), at: now + 2_000)
        case .stt(let command):
            routeSTT(command)
        case .llm(let command):
            routeLLM(command)
        case .tts(let command):
            routeTTS(command)
        case .setTimer(let timer, let deadline):
            setTimer(client: false, raw: timer.rawValue, at: deadline)
        case .cancelTimer(let timer):
            timerGenerations[Self.timerKey(client: false, raw: timer.rawValue), default: 0] += 1
        case .sessionEnded:
            break
        }
    }

    private mutating func setTimer(client: Bool, raw: UInt8, at deadline: Instant) {
        let key = Self.timerKey(client: client, raw: raw)
        let generation = timerGenerations[key, default: 0] + 1
        timerGenerations[key] = generation
        schedule(.timer(client: client, raw: raw, generation: generation), at: deadline)
    }

    /// Toy STT: a partial every third loud chunk, then end of speech and a final.
    private mutating func routeSTT(_ command: STTCommand) {
        switch command {
        case .open:
            schedule(.deliver(.server(lane: lane, .stt(.opened))), at: now + 50_000)
        case .audio(_, let chunk):
            let loud = (chunk.frameEnergies.max() ?? 0) > 1_000_000
            if loud {
                speech.loudChunks += 1
                guard speech.loudChunks % 3 == 0 else { return }
                speech.words.append(Self.vocabulary[Int(random.below(UInt64(Self.vocabulary.count)))])
                schedule(
                    .deliver(.server(lane: lane, .stt(.partial(speech.words.joined(separator: " "))))), at: now + 80_000
                )
            } else if speech.loudChunks >= 5 {
                let text = speech.words.joined(separator: " ")
                speech = SpeechState()
                schedule(.deliver(.server(lane: lane, .stt(.speechEnded))), at: now + 100_000)
                schedule(.deliver(.server(lane: lane, .stt(.final(text)))), at: now + 300_000)
            } else {
                speech = SpeechState()
            }
        case .close:
            schedule(.deliver(.server(lane: lane, .stt(.closed(error: nil)))), at: now + 10_000)
        case .keepalive:
            break
        case .transcribe(let requestID, _, _):
            schedule(
                .deliver(.server(lane: lane, .stt(.transcript(requestID: requestID, text: "hello there")))),
                at: now + 400_000)
        }
    }

    /// Toy LLM: six tokens from 400 ms on, then done.
    private mutating func routeLLM(_ command: LLMCommand) {
        switch command {
        case .start(let requestID, _, _):
            let tokens = ["Sure", ", ", "a table", " for two", " is", " booked."]
            for (index, token) in tokens.enumerated() {
                schedule(
                    .deliver(.server(lane: lane, .llm(.token(requestID: requestID, text: token)))),
                    at: now + 400_000 + Int64(index) * 40_000)
            }
            schedule(
                .deliver(.server(lane: lane, .llm(.done(requestID: requestID, inputTokens: 40, outputTokens: 6)))),
                at: now + 400_000 + Int64(tokens.count) * 40_000)
        case .cancel(let requestID):
            jobs.removeAll { entry in
                guard case .deliver(.server(_, .llm(let event))) = entry.job else { return false }
                switch event {
                case .token(let id, _), .done(let id, _, _), .failed(let id, _): return id == requestID
                }
            }
        }
    }

    /// Toy TTS: audio for the text so far once flushed, 100 ms chunks, then done.
    private mutating func routeTTS(_ command: TTSCommand) {
        switch command {
        case .start(let responseID):
            textLengths[responseID] = 0
        case .text(let responseID, let text):
            textLengths[responseID, default: 0] += text.utf8.count
        case .flush(let responseID):
            synthesize(responseID, characters: textLengths[responseID, default: 0])
        case .synthesize(let responseID, let text):
            synthesize(responseID, characters: text.utf8.count)
        case .cancel(let responseID):
            jobs.removeAll { entry in
                guard case .deliver(.server(_, .tts(let event))) = entry.job else { return false }
                switch event {
                case .audio(let id, _, _), .done(let id), .failed(let id, _): return id == responseID
                }
            }
        }
    }

    private mutating func synthesize(_ responseID: UInt32, characters: Int) {
        let chunks = max(3, characters / 6)
        for index in 0..<chunks {
            let chunk = Self.tone(periodSamples: 84, amplitude: 5_000, noise: 40, random: &random)
            let textEnd = UInt32(characters * (index + 1) / chunks)
            schedule(
                .deliver(.server(lane: lane, .tts(.audio(responseID: responseID, chunk: chunk, textEnd: textEnd)))),
                at: now + 150_000 + Int64(index) * 90_000)
        }
        schedule(
            .deliver(.server(lane: lane, .tts(.done(responseID: responseID)))),
            at: now + 150_000 + Int64(chunks) * 90_000)
    }
}

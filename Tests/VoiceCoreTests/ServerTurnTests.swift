import Testing
import VoiceCore

@Suite("Server streaming turn")
struct ServerTurnTests {
    @Test("Admission opens the STT stream and welcomes the client")
    func admissionWelcomes() {
        var server = ServerSession(seed: 1)
        #expect(server.handle(.clientConnected, at: ms(0)) == [])
        #expect(server.handle(.received(.hello(userID: "u", pipeline: .v2)), at: ms(0))
            == [.requestAdmission(userID: "u", pipeline: .v2)])
        let actions = server.handle(.admission(.granted), at: ms(10))
        #expect(actions == [
            .send(.welcome(sessionID: server.sessionID, resumeToken: server.resumeToken, lastReceivedSeq: 0,
                           resumed: false)),
            .stt(.open),
            .setTimer(.sttKeepalive, at: ms(5_010)),
        ])
        #expect(server.phase == .active)
    }

    @Test("A refused admission explains why and closes the connection")
    func refusalCloses() {
        var server = ServerSession(seed: 1)
        _ = server.handle(.clientConnected, at: ms(0))
        _ = server.handle(.received(.hello(userID: "u", pipeline: .v2)), at: ms(0))
        #expect(server.handle(.admission(.refused(reason: "daily limit")), at: ms(1))
            == [.send(.error(code: .refused, message: "daily limit")), .closeConnection])
        #expect(server.phase == .awaitingHello)
    }

    @Test("Audio goes to STT and is acknowledged")
    func audioForwarded() {
        var server = activeServer()
        #expect(server.handle(.received(.audio(seq: 1, chunk: speech)), at: ms(100))
            == [.stt(.audio(seq: 1, chunk: speech)), .send(.ack(seq: 1))])
        #expect(server.usage.sttMicros == 100_000)
    }

    @Test("A partial stable for the hold after endpointing starts the LLM speculatively")
    func speculativeStart() {
        var server = activeServer()
        #expect(server.handle(.stt(.partial("book a")), at: ms(1_000)) == [.send(.partialTranscript("book a"))])
        #expect(server.handle(.stt(.speechEnded), at: ms(1_200)) == [.setTimer(.speculativeHold, at: ms(1_500))])
        #expect(server.handle(.timerFired(.speculativeHold), at: ms(1_500)) == [
            .llm(.start(requestID: 1, history: [ConversationTurn(role: .user, text: "book a")], stream: true)),
            .tts(.start(responseID: 1)),
            .setTimer(.llmTimeout, at: ms(9_500)),
            .send(.state(.thinking)),
        ])
        #expect(server.counters.speculativeStarts == 1)
    }

    @Test("A partial that changes again pushes the hold back")
    func changingPartialDelaysHold() {
        var server = activeServer()
        _ = server.handle(.stt(.partial("book")), at: ms(1_000))
        _ = server.handle(.stt(.speechEnded), at: ms(1_100))
        #expect(server.handle(.stt(.partial("book a table")), at: ms(1_300))
            == [.send(.partialTranscript("book a table")), .cancelTimer(.speculativeHold)])
        #expect(server.handle(.stt(.speechEnded), at: ms(1_400)) == [.setTimer(.speculativeHold, at: ms(1_800))])
    }

    @Test("A final transcript that matches the speculative partial keeps the reply going")
    func finalConfirms() {
        var server = activeServer()
        _ = server.handle(.stt(.partial("Book a table")), at: ms(1_000))
        _ = server.handle(.stt(.speechEnded), at: ms(1_200))
        _ = server.handle(.timerFired(.speculativeHold), at: ms(1_500))
        #expect(server.handle(.stt(.final("book a table.")), at: ms(1_900))
            == [.send(.finalTranscript("book a table.")), .cancelTimer(.speculativeHold)])
        #expect(server.counters.speculativeConfirmed == 1)
        #expect(server.response?.id == 1)
        #expect(server.response?.speculative == false)
        #expect(server.history == [ConversationTurn(role: .user, text: "book a table.")])
    }

    @Test("A final transcript that differs from the stable partial restarts the LLM")
    func finalDiffersRestartsLLM() {
        var server = activeServer()
        _ = server.handle(.stt(.partial("book a")), at: ms(1_000))
        _ = server.handle(.stt(.speechEnded), at: ms(1_200))
        _ = server.handle(.timerFired(.speculativeHold), at: ms(1_500))
        #expect(server.handle(.stt(.final("book a table")), at: ms(1_900)) == [
            .send(.finalTranscript("book a table")),
            .cancelTimer(.speculativeHold),
            .llm(.cancel(requestID: 1)),
            .tts(.cancel(responseID: 1)),
            .cancelTimer(.llmTimeout),
            .send(.state(.listening)),
            .llm(.start(requestID: 2, history: [ConversationTurn(role: .user, text: "book a table")], stream: true)),
            .tts(.start(responseID: 2)),
            .setTimer(.llmTimeout, at: ms(9_900)),
            .send(.state(.thinking)),
        ])
        #expect(server.counters.speculativeRestarts == 1)
    }

    @Test("Tokens stream into TTS at once and audio streams to the client")
    func tokensFlowToTTSAndAudioToClient() {
        var server = activeServer()
        _ = server.handle(.stt(.speechEnded), at: ms(1_200))
        _ = server.handle(.stt(.final("hi")), at: ms(1_300))
        #expect(server.handle(.llm(.token(requestID: 1, text: "Hello")), at: ms(1_800))
            == [.cancelTimer(.llmTimeout), .tts(.text(responseID: 1, text: "Hello"))])
        #expect(server.handle(.llm(.token(requestID: 1, text: " there")), at: ms(1_820))
            == [.tts(.text(responseID: 1, text: " there"))])
        let audio = responseChunk(millis: 100, tag: 1)
        #expect(server.handle(.tts(.audio(responseID: 1, chunk: audio, textEnd: 5)), at: ms(2_200)) == [
            .send(.responseStart(responseID: 1)),
            .send(.state(.speaking)),
            .send(.responseAudio(responseID: 1, chunk: audio)),
        ])
        #expect(server.usage.turnLatencyMicros == [1_000_000])
        #expect(server.handle(.llm(.done(requestID: 1, inputTokens: 40, outputTokens: 2)), at: ms(2_300))
            == [.cancelTimer(.llmTimeout), .tts(.flush(responseID: 1))])
        #expect(server.handle(.tts(.done(responseID: 1)), at: ms(2_400)) == [
            .send(.responseEnd(responseID: 1, cancelled: false)),
            .cancelTimer(.llmTimeout),
            .send(.state(.listening)),
        ])
        #expect(server.history.last == ConversationTurn(role: .assistant, text: ""), "not heard yet")
        _ = server.handle(.received(.played(responseID: 1, playedMillis: 100)), at: ms(2_500))
        #expect(server.history.last == ConversationTurn(role: .assistant, text: "Hello there"))
        #expect(server.usage.ttsCharacters == 11)
        #expect(server.usage.llmInputTokens == 40)
        #expect(server.usage.llmOutputTokens == 2)
        #expect(server.usage.turns == 1)
    }

    @Test("Events for a cancelled reply are ignored")
    func staleEventsIgnored() {
        var server = activeServer()
        _ = server.handle(.stt(.partial("book a")), at: ms(1_000))
        _ = server.handle(.stt(.speechEnded), at: ms(1_200))
        _ = server.handle(.timerFired(.speculativeHold), at: ms(1_500))
        _ = server.handle(.stt(.final("book a table")), at: ms(1_900))
        #expect(server.handle(.llm(.token(requestID: 1, text: "late")), at: ms(2_000)) == [])
        #expect(server.handle(.tts(.audio(responseID: 1, chunk: speech, textEnd: 0)), at: ms(2_000)) == [])
    }

    @Test("An LLM that never answers is retried after a backoff, then reported to the user")
    func llmTimeoutRetriesThenFails() {
        var server = activeServer()
        _ = server.handle(.stt(.final("hi")), at: ms(1_000))
        let timedOut = server.handle(.timerFired(.llmTimeout), at: ms(9_000))
        guard timedOut.count == 2, case .setTimer(.llmRetry, let due) = timedOut[1] else {
            Issue.record("expected a cancel and a retry timer, got \(timedOut)")
            return
        }
        #expect(timedOut[0] == .llm(.cancel(requestID: 1)))
        let ceiling = server.config.llmRetryCeilingMicros(retry: 1)
        #expect(due >= ms(9_000) + ceiling / 2 && due <= ms(9_000) + ceiling, "retry 1 waits within [c/2, c]")
        #expect(server.handle(.timerFired(.llmRetry), at: due) == [
            .llm(.start(requestID: 1, history: [ConversationTurn(role: .user, text: "hi")], stream: true)),
            .setTimer(.llmTimeout, at: due + server.config.llmFirstTokenTimeoutMicros),
        ])
        let failed = server.handle(.llm(.failed(requestID: 1, reason: "503")), at: due + 300_000)
        guard case .setTimer(.llmRetry, let secondDue) = failed.last else {
            Issue.record("expected a second retry timer, got \(failed)")
            return
        }
        #expect(failed.first == .cancelTimer(.llmTimeout))
        _ = server.handle(.timerFired(.llmRetry), at: secondDue)
        let final = server.handle(.llm(.failed(requestID: 1, reason: "503")), at: secondDue + 300_000)
        #expect(final == [
            .cancelTimer(.llmTimeout),
            .tts(.cancel(responseID: 1)),
            .send(.state(.listening)),
            .send(.error(code: .providerFailed, message: "the language model failed 3 times: 503")),
        ])
        #expect(server.counters.llmRetries == 2)
        #expect(server.counters.llmFailures == 1)
        #expect(server.response == nil)
    }

    @Test("Retry delays stay inside their bounds and grow to the cap")
    func retryCeilings() {
        let config = ServerConfig(llmRetryDelayMicrosBase: 250_000, llmRetryDelayMicrosMax: 2_000_000)
        #expect((1...6).map { config.llmRetryCeilingMicros(retry: $0) }
            == [250_000, 500_000, 1_000_000, 2_000_000, 2_000_000, 2_000_000])
    }
}

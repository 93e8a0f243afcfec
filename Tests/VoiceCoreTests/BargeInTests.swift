import Testing
import VoiceCore

@Suite("Barge-in")
struct BargeInTests {
    /// A ready client playing response 1: three 500 ms chunks arrive at t=1 s.
    func playingClient() -> ClientAgent {
        var client = readyClient()
        _ = client.handle(.received(.responseStart(responseID: 1)), at: ms(1_000))
        for tag in 1...3 {
            _ = client.handle(.received(.responseAudio(responseID: 1, chunk: responseChunk(millis: 500, tag: UInt64(tag)))),
                              at: ms(1_000))
        }
        return client
    }

    @Test("Response audio plays progressively, chunk after chunk")
    func progressivePlayback() {
        var client = readyClient()
        let first = responseChunk(millis: 500, tag: 1)
        let second = responseChunk(millis: 500, tag: 2)
        #expect(client.handle(.received(.responseAudio(responseID: 1, chunk: first)), at: ms(1_000))
            == [.play(responseID: 1, chunk: first), .setTimer(.playbackChunkEnd, at: ms(1_500)), .showState(.speaking)])
        #expect(client.handle(.received(.responseAudio(responseID: 1, chunk: second)), at: ms(1_100)) == [])
        #expect(client.handle(.timerFired(.playbackChunkEnd), at: ms(1_500))
            == [.play(responseID: 1, chunk: second), .setTimer(.playbackChunkEnd, at: ms(2_000))])
        #expect(client.handle(.received(.responseEnd(responseID: 1, cancelled: false)), at: ms(1_600)) == [])
        #expect(client.handle(.timerFired(.playbackChunkEnd), at: ms(2_000))
            == [.send(.played(responseID: 1, playedMillis: 1_000)), .showState(.listening)])
        #expect(client.metrics.playedMicros == 1_000_000)
    }

    @Test("A cough while the assistant speaks does not interrupt it")
    func coughIgnored() {
        var client = playingClient()
        let coughStart = chunk([quietFrame, quietFrame, loudFrame, loudFrame, loudFrame])
        let coughEnd = chunk([loudFrame, loudFrame, loudFrame, quietFrame, quietFrame])
        var actions = client.handle(.micCaptured(coughStart), at: ms(1_200))
        actions += client.handle(.micCaptured(coughEnd), at: ms(1_300))
        actions += capture(&client, silence, count: 3, from: 1_400)
        #expect(actions == [
            .send(.audio(seq: 1, chunk: coughStart)),
            .send(.audio(seq: 2, chunk: coughEnd)),
            .send(.audio(seq: 3, chunk: silence)),
            .send(.audio(seq: 4, chunk: silence)),
            .send(.audio(seq: 5, chunk: silence)),
        ])
        #expect(client.metrics.bargeIns == 0)
        #expect(client.playback.active == 1)
    }

    @Test("Real speech over the assistant stops playback at once and reports what was heard")
    func speechInterrupts() {
        var client = playingClient()
        #expect(client.handle(.micCaptured(speech), at: ms(1_200)) == [.send(.audio(seq: 1, chunk: speech))])
        #expect(client.handle(.micCaptured(speech), at: ms(1_300)) == [
            .send(.audio(seq: 2, chunk: speech)),
            .stopPlayback(responseID: 1),
            .cancelTimer(.playbackChunkEnd),
            .send(.interrupt(responseID: 1, playedMillis: 300)),
            .showState(.listening),
        ])
        #expect(client.metrics.bargeIns == 1)
        #expect(client.handle(.received(.responseAudio(responseID: 1, chunk: responseChunk(millis: 500, tag: 9))),
                              at: ms(1_350)) == [], "late audio of the interrupted response never plays")
    }

    @Test("A barge-in while reconnecting is told to the server after the resume")
    func bargeInWhileDisconnected() {
        var client = playingClient()
        _ = client.handle(.disconnected(.networkError), at: ms(1_100))
        let barge = capture(&client, speech, count: 2, from: 1_200)
        #expect(barge.contains(.stopPlayback(responseID: 1)))
        #expect(!barge.contains { if case .send = $0 { true } else { false } }, "nothing is sent while disconnected")
        _ = client.handle(.timerFired(.reconnectBackoff), at: ms(1_400))
        _ = client.handle(.connected, at: ms(1_450))
        let resumed = client.handle(.received(.welcome(sessionID: 9, resumeToken: 10, lastReceivedSeq: 2, resumed: true)),
                                    at: ms(1_500))
        #expect(resumed.contains(.send(.interrupt(responseID: 1, playedMillis: 300))))
        #expect(client.reports == [.interrupt(responseID: 1, playedMillis: 300)], "kept for the next resume too")
    }

    @Test("Speech with short syllable gaps still counts as speech")
    func syllableGapsTolerated() {
        var client = playingClient()
        let syllables = chunk([loudFrame, loudFrame, quietFrame, loudFrame, loudFrame])
        var actions = client.handle(.micCaptured(syllables), at: ms(1_100))
        actions += client.handle(.micCaptured(syllables), at: ms(1_200))
        actions += client.handle(.micCaptured(syllables), at: ms(1_300))
        #expect(actions.contains(.send(.interrupt(responseID: 1, playedMillis: 300))))
    }

    @Test("The server keeps only the played text in the conversation history")
    func historyTruncatedToPlayedText() {
        var server = activeServer()
        _ = server.handle(.stt(.final("tell me a story")), at: ms(1_000))
        _ = server.handle(.llm(.token(requestID: 1, text: "Once upon")), at: ms(1_500))
        _ = server.handle(.llm(.token(requestID: 1, text: " a time there")), at: ms(1_520))
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 400, tag: 1), textEnd: 9)), at: ms(1_900))
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 400, tag: 2), textEnd: 16)),
                          at: ms(2_000))
        let actions = server.handle(.received(.interrupt(responseID: 1, playedMillis: 650)), at: ms(2_600))
        #expect(actions == [
            .llm(.cancel(requestID: 1)),
            .tts(.cancel(responseID: 1)),
            .cancelTimer(.llmTimeout),
            .send(.responseEnd(responseID: 1, cancelled: true)),
            .send(.state(.listening)),
        ])
        #expect(server.history == [
            ConversationTurn(role: .user, text: "tell me a story"),
            ConversationTurn(role: .assistant, text: "Once upon"),
        ])
        #expect(server.usage.interruptions == 1)
        #expect(server.response == nil)
    }

    @Test("An interrupt after the reply finished still truncates the history")
    func lateInterruptTruncates() {
        var server = activeServer()
        _ = server.handle(.stt(.final("hi")), at: ms(1_000))
        _ = server.handle(.llm(.token(requestID: 1, text: "Hello there friend")), at: ms(1_500))
        _ = server.handle(.llm(.done(requestID: 1, inputTokens: 5, outputTokens: 3)), at: ms(1_510))
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 300, tag: 1), textEnd: 5)), at: ms(1_900))
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 600, tag: 2), textEnd: 18)),
                          at: ms(1_950))
        _ = server.handle(.tts(.done(responseID: 1)), at: ms(2_000))
        #expect(server.handle(.received(.interrupt(responseID: 1, playedMillis: 500)), at: ms(2_400)) == [])
        #expect(server.history.last == ConversationTurn(role: .assistant, text: "Hello"))
        #expect(server.usage.interruptions == 1)
    }
}

@Suite("V1 sequential pipeline")
struct V1PipelineTests {
    @Test("The V1 client commits an utterance when the VAD hears it end")
    func clientCommits() {
        var client = readyClient(pipeline: .v1)
        _ = capture(&client, speech, count: 3, from: 200)
        let tail = capture(&client, silence, count: 4, from: 500)
        #expect(tail.last == .send(.commit(lastSeq: 7)))
    }

    @Test("The V1 server transcribes, then asks for the whole reply, then synthesises it")
    func serverRunsSequentially() {
        var server = activeServer(pipeline: .v1)
        #expect(server.handle(.received(.audio(seq: 1, chunk: speech)), at: ms(100)) == [.send(.ack(seq: 1))])
        _ = server.handle(.received(.audio(seq: 2, chunk: speech)), at: ms(200))
        #expect(server.handle(.received(.commit(lastSeq: 2)), at: ms(700))
            == [.stt(.transcribe(requestID: 1, firstSeq: 1, lastSeq: 2)), .send(.state(.thinking))])
        #expect(server.handle(.stt(.transcript(requestID: 1, text: "hi")), at: ms(3_300)) == [
            .send(.finalTranscript("hi")),
            .llm(.start(requestID: 1, history: [ConversationTurn(role: .user, text: "hi")], stream: false)),
            .setTimer(.llmTimeout, at: ms(11_300)),
        ])
        #expect(server.handle(.llm(.token(requestID: 1, text: "Hello.")), at: ms(6_600)) == [.cancelTimer(.llmTimeout)])
        #expect(server.handle(.llm(.done(requestID: 1, inputTokens: 3, outputTokens: 1)), at: ms(6_600))
            == [.cancelTimer(.llmTimeout), .tts(.synthesize(responseID: 1, text: "Hello."))])
        #expect(server.usage.sttMicros == 200_000)
        #expect(server.usage.ttsCharacters == 6)
    }
}

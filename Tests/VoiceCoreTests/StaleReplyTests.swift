import Testing
import VoiceCore

/// Defect a: a reply must never start playing over a user who is already speaking, and its
/// text must not enter history unless the client says it was heard.
@Suite("Stale replies")
struct StaleReplyTests {
    /// A ready client whose user has been speaking since t=200 ms (the VAD confirmed speech).
    func speakingClient() -> ClientAgent {
        var client = readyClient()
        _ = capture(&client, speech, count: 3, from: 200)
        return client
    }

    @Test("Reply audio that arrives while the user is mid-speech never plays; the client reports a barge-in")
    func replyRefusedWhileUserSpeaks() {
        var client = speakingClient()
        #expect(client.vad.inSpeech, "3 chunks of speech is past the VAD's minimum speech")
        var actions = client.handle(.received(.responseStart(responseID: 1)), at: ms(450))
        actions += client.handle(.received(.responseAudio(responseID: 1, chunk: responseChunk(millis: 500, tag: 1))),
                                 at: ms(450))
        #expect(!actions.contains { if case .play = $0 { true } else { false } }, "\(actions)")
        #expect(actions.contains(.send(.interrupt(responseID: 1, playedMillis: 0))))
        #expect(client.metrics.bargeIns == 1)
        #expect(client.playback.active == nil)
    }

    @Test("A reply that ran out without its end, once the server says it is listening, gives no false interrupt")
    func noFalseInterruptAfterLostEnd() {
        var client = readyClient()
        _ = client.handle(.received(.state(.speaking)), at: ms(900))
        _ = client.handle(.received(.responseStart(responseID: 1)), at: ms(1_000))
        _ = client.handle(.received(.responseAudio(responseID: 1, chunk: responseChunk(millis: 300, tag: 1))),
                          at: ms(1_000))
        _ = client.handle(.timerFired(.playbackChunkEnd), at: ms(1_300))
        // The responseEnd was lost with a dropped connection; after the resume the server says "listening".
        _ = client.handle(.received(.state(.listening)), at: ms(2_000))
        #expect(client.shownState == .listening)
        let speaking = capture(&client, speech, count: 3, from: 3_000)
        #expect(!speaking.contains { if case .send(.interrupt) = $0 { true } else { false } }, "\(speaking)")
        #expect(client.metrics.bargeIns == 0)
    }

    @Test("Audio of a reply the client already reported as played never plays: the report stays what was heard")
    func reportedReplyStaysFinished() {
        var client = readyClient()
        _ = client.handle(.received(.state(.speaking)), at: ms(900))
        _ = client.handle(.received(.responseStart(responseID: 1)), at: ms(1_000))
        _ = client.handle(.received(.responseAudio(responseID: 1, chunk: responseChunk(millis: 200, tag: 1))),
                          at: ms(1_000))
        _ = client.handle(.timerFired(.playbackChunkEnd), at: ms(1_200))
        // Its audio stopped coming and the server says it is listening: the reply is over, 200 ms heard.
        let over = client.handle(.received(.state(.listening)), at: ms(1_300))
        #expect(over.contains(.send(.played(responseID: 1, playedMillis: 200))), "\(over)")
        // More of it arrives late (reordered, or queued across a reconnect): the user must not hear it.
        let late = client.handle(.received(.responseAudio(responseID: 1, chunk: responseChunk(millis: 200, tag: 2))),
                                 at: ms(1_400))
        #expect(!late.contains { if case .play = $0 { true } else { false } }, "\(late)")
        #expect(client.playback.active == nil)
    }

    @Test("Reply text enters history only once the client says it was heard")
    func unheardTextKeptOutOfHistory() {
        var server = activeServer()
        _ = server.handle(.stt(.final("hi")), at: ms(1_000))
        _ = server.handle(.llm(.token(requestID: 1, text: "Hello there")), at: ms(1_500))
        _ = server.handle(.llm(.done(requestID: 1, inputTokens: 401, outputTokens: 1)), at: ms(1_510))
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 600, tag: 1), textEnd: 11)),
                          at: ms(1_900))
        _ = server.handle(.tts(.done(responseID: 1)), at: ms(2_000))
        // The user talks on; their next turn is final before the client's report arrives.
        let next = server.handle(.stt(.final("and then")), at: ms(2_500))
        let request = next.compactMap { action -> [ConversationTurn]? in
            if case .llm(.start(_, let history, _)) = action { history } else { nil }
        }
        #expect(request == [[ConversationTurn(role: .user, text: "hi"), ConversationTurn(role: .user, text: "and then")]])
        // The client refused to play it (the user was speaking): nothing of it is history.
        _ = server.handle(.received(.interrupt(responseID: 1, playedMillis: 0)), at: ms(2_600))
        #expect(!server.history.contains { $0.role == .assistant && !$0.text.isEmpty })
    }
}

@Suite("Displayed state")
struct DisplayedStateTests {
    @Test("The client stops showing speaking once nothing has played for the idle bound")
    func speakingNeverOutlastsAudio() {
        var client = readyClient()
        _ = client.handle(.received(.responseStart(responseID: 1)), at: ms(1_000))
        _ = client.handle(.received(.state(.speaking)), at: ms(1_000))
        _ = client.handle(.received(.responseAudio(responseID: 1, chunk: responseChunk(millis: 300, tag: 1))),
                          at: ms(1_000))
        #expect(client.shownState == .speaking)
        let drained = client.handle(.timerFired(.playbackChunkEnd), at: ms(1_300))
        let idleAt = ms(1_300) + client.config.playbackIdleMicros
        #expect(drained == [.setTimer(.playbackIdle, at: idleAt)])
        #expect(client.config.playbackIdleMicros < 1_000_000, "the displayed-state bound is 1 s")
        #expect(client.handle(.timerFired(.playbackIdle), at: idleAt) == [.showState(.listening)])
        // More audio of the same reply shows speaking again.
        let more = responseChunk(millis: 300, tag: 2)
        #expect(client.handle(.received(.responseAudio(responseID: 1, chunk: more)), at: ms(2_000))
            == [.play(responseID: 1, chunk: more), .setTimer(.playbackChunkEnd, at: ms(2_300)), .showState(.speaking)])
    }

    @Test("After a barge-in the client shows listening, whatever the server still says")
    func bargeInShowsListening() {
        var client = readyClient()
        _ = client.handle(.received(.responseStart(responseID: 1)), at: ms(1_000))
        _ = client.handle(.received(.state(.speaking)), at: ms(1_000))
        _ = client.handle(.received(.responseAudio(responseID: 1, chunk: responseChunk(millis: 900, tag: 1))),
                          at: ms(1_000))
        let barge = capture(&client, speech, count: 2, from: 1_200)
        #expect(barge.suffix(4) == [
            .stopPlayback(responseID: 1),
            .cancelTimer(.playbackChunkEnd),
            .send(.interrupt(responseID: 1, playedMillis: 300)),
            .showState(.listening),
        ])
    }
}

@Suite("Barge-in over queued replies")
struct QueuedReplyBargeInTests {
    @Test("A barge-in refuses the replies queued behind the one playing")
    func queuedRepliesRefused() {
        var client = readyClient()
        let first = responseChunk(millis: 900, tag: 1)
        let second = responseChunk(millis: 300, tag: 2)
        _ = client.handle(.received(.responseAudio(responseID: 1, chunk: first)), at: ms(1_000))
        _ = client.handle(.received(.responseEnd(responseID: 1, cancelled: false)), at: ms(1_000))
        _ = client.handle(.received(.responseAudio(responseID: 2, chunk: second)), at: ms(1_100))
        let barge = capture(&client, speech, count: 2, from: 1_200)
        #expect(barge.contains(.send(.interrupt(responseID: 1, playedMillis: 300))))
        #expect(barge.contains(.send(.interrupt(responseID: 2, playedMillis: 0))))
        #expect(client.playback.queue.isEmpty && client.playback.active == nil)
        #expect(client.invariantViolations() == [])
    }
}

import Testing
import VoiceCore

/// Defect c: reply audio lost in flight (a reset) is counted, and history holds only what played.
@Suite("Reply audio accounting")
struct ReplyAudioAccountingTests {
    @Test("After a reset the client reports how much of the reply it actually played")
    func clientReportsPlayedAfterReset() {
        var client = readyClient()
        _ = client.handle(.received(.state(.speaking)), at: ms(900))
        _ = client.handle(.received(.responseStart(responseID: 1)), at: ms(1_000))
        for tag in UInt64(1)...2 {
            _ = client.handle(.received(.responseAudio(responseID: 1, chunk: responseChunk(millis: 300, tag: tag))),
                              at: ms(1_000))
        }
        // The connection breaks: the third chunk and the responseEnd were in flight and are lost.
        _ = client.handle(.disconnected(.networkError), at: ms(1_100))
        _ = client.handle(.timerFired(.playbackChunkEnd), at: ms(1_300))
        _ = client.handle(.timerFired(.playbackChunkEnd), at: ms(1_600))
        #expect(client.playback.active == 1, "the end never came, so the response is still open")
        _ = client.handle(.timerFired(.reconnectBackoff), at: ms(1_700))
        _ = client.handle(.connected, at: ms(1_750))
        var resumed = client.handle(.received(.welcome(sessionID: 9, resumeToken: 10, lastReceivedSeq: 0, resumed: true)),
                                    at: ms(1_800))
        resumed += client.handle(.received(.state(.listening)), at: ms(1_800))
        #expect(resumed.contains(.send(.played(responseID: 1, playedMillis: 600))), "\(resumed)")
        #expect(client.playback.active == nil)
        #expect(client.shownState == .listening)
    }

    @Test("History keeps only the reply audio the client played; the rest counts as dropped")
    func historyTruncatedToPlayedAndDropCounted() {
        var server = activeServer()
        _ = server.handle(.stt(.final("hi")), at: ms(1_000))
        _ = server.handle(.llm(.token(requestID: 1, text: "Hello")), at: ms(1_500))
        _ = server.handle(.llm(.token(requestID: 1, text: " there")), at: ms(1_510))
        _ = server.handle(.llm(.token(requestID: 1, text: " friend")), at: ms(1_520))
        _ = server.handle(.llm(.done(requestID: 1, inputTokens: 401, outputTokens: 3)), at: ms(1_530))
        for (tag, textEnd) in [(UInt64(1), UInt32(5)), (2, 11), (3, 18)] {
            _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 300, tag: tag), textEnd: textEnd)),
                              at: ms(1_900))
        }
        _ = server.handle(.tts(.done(responseID: 1)), at: ms(2_000))
        #expect(server.history.last == ConversationTurn(role: .assistant, text: ""), "nothing is known heard yet")
        #expect(server.handle(.received(.played(responseID: 1, playedMillis: 600)), at: ms(2_800)) == [])
        #expect(server.history.last == ConversationTurn(role: .assistant, text: "Hello there"))
        #expect(server.usage.replyAudioDroppedMicros == 300_000)
        #expect(server.usage.interruptions == 0)
        #expect(server.handle(.received(.played(responseID: 1, playedMillis: 600)), at: ms(2_900)) == [],
                "a repeated report (re-sent after a resume) changes nothing")
        #expect(server.usage.replyAudioDroppedMicros == 300_000)
    }

    @Test("A reply played to the end enters history whole")
    func fullPlayKeepsWholeText() {
        var server = activeServer()
        _ = server.handle(.stt(.final("hi")), at: ms(1_000))
        _ = server.handle(.llm(.token(requestID: 1, text: "Hello there")), at: ms(1_500))
        _ = server.handle(.llm(.done(requestID: 1, inputTokens: 401, outputTokens: 1)), at: ms(1_510))
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 600, tag: 1), textEnd: 11)),
                          at: ms(1_900))
        _ = server.handle(.tts(.done(responseID: 1)), at: ms(2_000))
        _ = server.handle(.received(.played(responseID: 1, playedMillis: 600)), at: ms(2_600))
        #expect(server.history.last == ConversationTurn(role: .assistant, text: "Hello there"))
        #expect(server.usage.replyAudioDroppedMicros == 0)
    }

    @Test("A session that ends before the client confirmed a reply counts its audio as dropped")
    func unconfirmedAtEndIsDropped() {
        var server = activeServer()
        _ = server.handle(.stt(.final("hi")), at: ms(1_000))
        _ = server.handle(.llm(.token(requestID: 1, text: "Hello")), at: ms(1_500))
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 400, tag: 1), textEnd: 5)), at: ms(1_900))
        _ = server.handle(.clientDisconnected, at: ms(2_000))
        let ended = server.handle(.timerFired(.resumeGrace), at: ms(2_000) + server.config.resumeGraceMicros)
        guard case .sessionEnded(let usage) = ended.last else {
            Issue.record("expected the session to end, got \(ended)")
            return
        }
        #expect(usage.replyAudioDroppedMicros == 400_000)
    }

    @Test("A barge-in on a reply the server already cancelled counts it as an interrupted turn")
    func bargeInAfterServerCancel() {
        var server = activeServer()
        _ = server.handle(.stt(.final("hi")), at: ms(1_000))
        _ = server.handle(.llm(.token(requestID: 1, text: "Hello there")), at: ms(1_500))
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 600, tag: 1), textEnd: 5)), at: ms(1_900))
        _ = server.handle(.tts(.failed(responseID: 1, reason: "tts: 503")), at: ms(2_000))
        #expect(server.handle(.received(.interrupt(responseID: 1, playedMillis: 300)), at: ms(2_100)) == [])
        #expect(server.usage.interruptions == 1 && server.usage.turns == 1)
        #expect(server.invariantViolations() == [])
        #expect(server.history.last == ConversationTurn(role: .assistant, text: ""), "no word had finished playing")
    }
}

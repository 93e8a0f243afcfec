import Testing
import VoiceCore

/// The server's alignment check is made as each point is appended (issue 15 §4): it must still
/// report a point that goes backwards, on the step that appends it.
@Suite("Alignment track")
struct AlignmentTrackTests {
    /// A V1 server whose reply 1 ("Hello there friend", 18 bytes) has all its text and waits for TTS.
    private func replyingServer() -> ServerSession {
        var server = activeServer(pipeline: .v1)
        _ = server.handle(.stt(.final("hi")), at: ms(1_000))
        _ = server.handle(.llm(.token(requestID: 1, text: "Hello there friend")), at: ms(1_500))
        _ = server.handle(.llm(.done(requestID: 1, inputTokens: 401, outputTokens: 1)), at: ms(1_510))
        return server
    }

    @Test("TTS audio whose text end goes backwards is reported on the step that appends it, and after")
    func backwardTextEndReported() {
        var server = replyingServer()
        for (tag, textEnd) in [(UInt64(1), UInt32(5)), (2, 11)] {
            _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 300, tag: tag), textEnd: textEnd)),
                              at: ms(1_900))
            #expect(server.invariantViolations() == [], "text end \(textEnd) goes forwards")
        }
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 300, tag: 3), textEnd: 7)),
                          at: ms(1_900))
        let expected = ["response 1 alignment goes backwards at AlignmentPoint(audioEndMicros: 900000, textEnd: 7)"]
        #expect(server.invariantViolations() == expected)
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 300, tag: 4), textEnd: 18)),
                          at: ms(1_900))
        #expect(server.invariantViolations() == expected, "the backward point stays in the reply")
        #expect(server.response?.alignment.points.map(\.textEnd) == [5, 11, 7, 18])
    }

    @Test("Alignment past the reply's text is reported; a sound alignment reports nothing")
    func alignedPastText() {
        var server = replyingServer()
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 300, tag: 1), textEnd: 18)),
                          at: ms(1_900))
        #expect(server.invariantViolations() == [])
        _ = server.handle(.tts(.audio(responseID: 1, chunk: responseChunk(millis: 300, tag: 2), textEnd: 19)),
                          at: ms(1_900))
        #expect(server.invariantViolations() == ["response 1 aligned to byte 19 of 18"])
        #expect(ServerSession.invariantViolations(of: &server) == ["response 1 aligned to byte 19 of 18"],
                "the simulator's check, which reads the session in place, reports the same")
    }

    @Test("Audio going backwards is caught by the track itself, not only text")
    func backwardAudioNoted() {
        var track = AlignmentTrack()
        track.append(AlignmentPoint(audioEndMicros: 300_000, textEnd: 5))
        #expect(track.backwardPoints.isEmpty)
        track.append(AlignmentPoint(audioEndMicros: 200_000, textEnd: 9))
        #expect(track.backwardPoints == [AlignmentPoint(audioEndMicros: 200_000, textEnd: 9)])
        #expect(track.last == AlignmentPoint(audioEndMicros: 200_000, textEnd: 9))
    }
}

import Testing
import VoiceCore

/// Replies queued behind the one playing, cancelled by the server: found by the 20,000-seed fuzz
/// as broken client invariants (seeds 0x4c8b, 0x2a5d and 0x17b7).
@Suite("Queued replies")
struct QueuedReplyTests {
    /// A ready client playing response 3 (two 100 ms chunks, the first sounding since 1 s), with
    /// two chunks of response 4 queued behind it.
    func clientWithQueue() -> ClientAgent {
        var client = readyClient()
        _ = client.handle(.received(.state(.speaking)), at: ms(900))
        for (index, responseID) in [UInt32(3), 3, 4, 4].enumerated() {
            let audio = responseChunk(millis: 100, tag: UInt64(index))
            _ = client.handle(.received(.responseAudio(responseID: responseID, chunk: audio)), at: ms(1_000))
        }
        return client
    }

    @Test("A cancelled reply queued behind one still playing is dropped without cutting that one short")
    func cancelledQueuedReplyLeavesActivePlaying() {
        var client = clientWithQueue()
        #expect(client.playback.active == 3)
        let actions = client.handle(.received(.responseEnd(responseID: 4, cancelled: true)), at: ms(1_050))
        #expect(actions == [.send(.played(responseID: 4, playedMillis: 0))])
        #expect(client.playback.active == 3)
        #expect(client.invariantViolations() == [])
        // Its late audio is ignored, while response 3 plays to its end.
        let late = client.handle(.received(.responseAudio(responseID: 4, chunk: responseChunk(millis: 100, tag: 9))),
                                 at: ms(1_060))
        #expect(late == [])
        let next = client.handle(.timerFired(.playbackChunkEnd), at: ms(1_100))
        #expect(next.contains(.play(responseID: 3, chunk: responseChunk(millis: 100, tag: 1))), "\(next)")
        #expect(client.invariantViolations() == [])
    }

    @Test("When the playing reply is cancelled, the reply queued behind it starts at once")
    func cancelledActiveHandsOverToQueued() {
        var client = clientWithQueue()
        let actions = client.handle(.received(.responseEnd(responseID: 3, cancelled: true)), at: ms(1_050))
        #expect(actions.starts(with: [
            .stopPlayback(responseID: 3), .cancelTimer(.playbackChunkEnd),
            .send(.played(responseID: 3, playedMillis: 50)),
        ]), "\(actions)")
        #expect(actions.contains(.play(responseID: 4, chunk: responseChunk(millis: 100, tag: 2))), "\(actions)")
        #expect(client.playback.active == 4)
        #expect(client.invariantViolations() == [])
    }
}

/// How a session starts: from the client's hello on a live connection, counting the audio
/// no session received (fuzz seeds 0x4a1c and 0xe23).
@Suite("Session start")
struct SessionStartTests {
    @Test("A hello that arrives after its connection was lost opens no session")
    func lateHelloIgnored() {
        var server = ServerSession(seed: 1)
        _ = server.handle(.clientConnected, at: ms(0))
        _ = server.handle(.clientDisconnected, at: ms(100))
        #expect(server.handle(.received(.hello(userID: "u", pipeline: .v2)), at: ms(150)) == [])
        #expect(server.phase == .awaitingHello)
        // The client's hello on its next connection is welcomed, not refused as a second one.
        _ = server.handle(.clientConnected, at: ms(900))
        #expect(server.handle(.received(.hello(userID: "u", pipeline: .v2)), at: ms(950))
            == [.requestAdmission(userID: "u", pipeline: .v2)])
    }

    @Test("Mic audio the client dropped before the first session existed is a counted gap")
    func audioBeforeFirstSessionCounted() {
        var server = activeServer()
        // A partition kept the first connection from opening for 3.5 s: the replay buffer held the
        // newest 5 s, so the first chunk that reaches the session is seq 36.
        _ = server.handle(.received(.audio(seq: 36, chunk: silence)), at: ms(3_600))
        _ = server.handle(.received(.audio(seq: 37, chunk: silence)), at: ms(3_700))
        #expect(server.usage.lostAudioMicros == 35 * AudioFormat.micChunkMicros)
    }

    @Test("A hello says what earlier sessions acknowledged; the new session counts only what came after")
    func helloCarriesAcknowledgedSeq() {
        var client = readyClient()
        _ = capture(&client, silence, count: 3, from: 200)
        _ = client.handle(.received(.ack(seq: 3)), at: ms(500))
        _ = client.handle(.disconnected(.networkError), at: ms(600))
        _ = client.handle(.timerFired(.reconnectBackoff), at: ms(900))
        _ = client.handle(.connected, at: ms(950))
        let hello = client.handle(.received(.error(code: .sessionUnknown, message: "expired")), at: ms(1_000))
        #expect(hello == [.send(.hello(userID: "user-1", pipeline: .v2, lastAckedSeq: 3))])
        var server = ServerSession(seed: 2)
        _ = server.handle(.clientConnected, at: ms(950))
        _ = server.handle(.received(.hello(userID: "user-1", pipeline: .v2, lastAckedSeq: 3)), at: ms(1_050))
        let welcome = server.handle(.admission(.granted), at: ms(1_050))
        #expect(welcome.first == .send(.welcome(sessionID: server.sessionID, resumeToken: server.resumeToken,
                                                lastReceivedSeq: 3, resumed: false)))
        _ = server.handle(.received(.audio(seq: 4, chunk: silence)), at: ms(1_100))
        #expect(server.usage.lostAudioMicros == 0)
    }
}

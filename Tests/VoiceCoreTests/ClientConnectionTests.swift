import Testing
import VoiceCore

@Suite("Client connection and reconnect")
struct ClientConnectionTests {
    @Test("Starting a call connects, says hello, and streams audio once welcomed")
    func connectHelloStream() {
        var client = ClientAgent(seed: 7)
        #expect(client.handle(.callStarted, at: ms(0))
            == [.connect, .setTimer(.connectTimeout, at: ms(10_000)), .showState(.connecting)])
        #expect(client.handle(.micCaptured(silence), at: ms(40)) == [])
        #expect(client.handle(.connected, at: ms(50)) == [.send(.hello(userID: "user-1", pipeline: .v2))])
        #expect(client.handle(.received(.welcome(sessionID: 9, resumeToken: 10, lastReceivedSeq: 0, resumed: false)),
                              at: ms(100)) == [
            .cancelTimer(.connectTimeout),
            .send(.audio(seq: 1, chunk: silence)),
            .setTimer(.keepalive, at: ms(2_100)),
            .showState(.listening),
        ])
        #expect(client.handle(.micCaptured(silence), at: ms(140)) == [.send(.audio(seq: 2, chunk: silence))])
    }

    @Test("Backoff delays stay within full-jitter bounds and grow to the cap")
    func backoffBounds() {
        let policy = BackoffPolicy(baseMicros: 250_000, factor: 2, capMicros: 8_000_000, attemptsMax: 10)
        #expect((1...8).map { policy.ceilingMicros(attempt: $0) }
            == [250_000, 500_000, 1_000_000, 2_000_000, 4_000_000, 8_000_000, 8_000_000, 8_000_000])
        var random = PRNG(seed: 42)
        for attempt in 1...8 {
            let ceiling = policy.ceilingMicros(attempt: attempt)
            var sum: Int64 = 0
            var seenLow = false
            var seenHigh = false
            for _ in 0..<2_000 {
                let delay = policy.delayMicros(attempt: attempt, random: &random)
                #expect(delay >= 0 && delay <= ceiling)
                sum += delay
                seenLow = seenLow || delay < ceiling / 10
                seenHigh = seenHigh || delay > ceiling * 9 / 10
            }
            let mean = sum / 2_000
            #expect(mean > ceiling * 4 / 10 && mean < ceiling * 6 / 10, "attempt \(attempt) mean \(mean)")
            #expect(seenLow && seenHigh, "full jitter covers the whole range")
        }
    }

    @Test("A dropped connection backs off, resumes, and re-sends only unacknowledged audio")
    func reconnectReplaysUnacked() throws {
        var client = readyClient()
        _ = capture(&client, silence, count: 3, from: 200)
        _ = client.handle(.received(.ack(seq: 2)), at: ms(450))
        let lost = client.handle(.disconnected(.networkError), at: ms(500))
        #expect(lost.count == 4)
        guard case .setTimer(.reconnectBackoff, let due) = lost[2] else {
            Issue.record("expected a backoff timer, got \(lost)")
            return
        }
        #expect(due >= ms(500) && due <= ms(750))
        #expect(lost == [.cancelTimer(.connectTimeout), .cancelTimer(.keepalive), .setTimer(.reconnectBackoff, at: due),
                         .showState(.reconnecting)])
        #expect(capture(&client, speech, count: 2, from: 600) == [], "nothing is sent while disconnected")
        #expect(client.handle(.timerFired(.reconnectBackoff), at: due)
            == [.connect, .setTimer(.connectTimeout, at: due + 10_000_000)])
        #expect(client.handle(.connected, at: ms(900))
            == [.send(.resume(sessionID: 9, resumeToken: 10, lastAckedSeq: 2))])
        #expect(client.handle(.received(.welcome(sessionID: 9, resumeToken: 10, lastReceivedSeq: 3, resumed: true)),
                              at: ms(950)) == [
            .cancelTimer(.connectTimeout),
            .send(.audio(seq: 4, chunk: speech)),
            .send(.audio(seq: 5, chunk: speech)),
            .setTimer(.keepalive, at: ms(2_950)),
            .showState(.listening),
        ])
        #expect(client.metrics.chunksReplayed == 2)
        #expect(client.metrics.resumes == 1)
    }

    @Test("Audio older than the 5 s buffer is dropped as a counted gap")
    func bufferOverflowCountsGap() {
        var client = readyClient()
        _ = client.handle(.disconnected(.networkError), at: ms(150))
        _ = capture(&client, silence, count: 60, from: 200)
        #expect(client.replay.count == 50)
        #expect(client.replay.evictedUnackedChunks == 10)
        #expect(client.replay.evictedUnackedMicros == 1_000_000)
        #expect(client.replay.entries(after: 0).first?.seq == 11)
    }

    @Test("The client gives up after the last attempt and shows failed")
    func givesUp() {
        var config = ClientConfig()
        config.backoff = BackoffPolicy(baseMicros: 100_000, factor: 2, capMicros: 1_000_000, attemptsMax: 2)
        var client = ClientAgent(config: config, seed: 3)
        _ = client.handle(.callStarted, at: ms(0))
        _ = client.handle(.disconnected(.refused), at: ms(10))
        _ = client.handle(.timerFired(.reconnectBackoff), at: ms(200))
        _ = client.handle(.disconnected(.refused), at: ms(210))
        _ = client.handle(.timerFired(.reconnectBackoff), at: ms(600))
        #expect(client.handle(.disconnected(.refused), at: ms(610))
            == [.cancelTimer(.connectTimeout), .cancelTimer(.keepalive), .showState(.failed)])
        #expect(client.connection == .failed)
        #expect(client.metrics.reconnectAttempts == 2)
    }

    @Test("A silent server is declared dead by the keepalive and the client reconnects")
    func keepaliveDetectsDeadConnection() {
        var client = readyClient()
        #expect(client.handle(.timerFired(.keepalive), at: ms(2_100))
            == [.send(.ping(nonce: 1)), .setTimer(.keepalive, at: ms(4_100))])
        _ = client.handle(.timerFired(.keepalive), at: ms(4_100))
        let dead = client.handle(.timerFired(.keepalive), at: ms(6_100))
        #expect(dead.first == .disconnect)
        #expect(dead.last == .showState(.reconnecting))
        #expect(client.connection == .waitingToRetry(attempt: 1))
    }

    @Test("An expired session is replaced by a new hello on the same connection")
    func expiredSessionRestarts() {
        var client = readyClient()
        _ = client.handle(.disconnected(.networkError), at: ms(200))
        _ = client.handle(.timerFired(.reconnectBackoff), at: ms(400))
        _ = client.handle(.connected, at: ms(450))
        #expect(client.handle(.received(.error(code: .sessionUnknown, message: "expired")), at: ms(500))
            == [.send(.hello(userID: "user-1", pipeline: .v2))])
        #expect(client.metrics.sessionRestarts == 1)
    }

    @Test("A refusal from the server ends the call without retrying")
    func refusalFails() {
        var client = ClientAgent(seed: 7)
        _ = client.handle(.callStarted, at: ms(0))
        _ = client.handle(.connected, at: ms(50))
        let actions = client.handle(.received(.error(code: .refused, message: "daily limit")), at: ms(60))
        #expect(actions.first == .disconnect)
        #expect(actions.last == .showState(.failed))
        #expect(client.connection == .failed)
    }
}

@Suite("Server resume")
struct ServerResumeTests {
    @Test("A resumed session reports what it has, flushes held messages and de-duplicates")
    func resumeFlushesAndDeduplicates() {
        var server = activeServer()
        _ = server.handle(.received(.audio(seq: 1, chunk: speech)), at: ms(100))
        _ = server.handle(.received(.audio(seq: 2, chunk: speech)), at: ms(200))
        #expect(server.handle(.clientDisconnected, at: ms(250)) == [.setTimer(.resumeGrace, at: ms(30_250))])
        #expect(server.handle(.stt(.partial("hello")), at: ms(300)) == [], "held while the client is away")
        #expect(server.handle(.clientConnected, at: ms(900)) == [.cancelTimer(.resumeGrace)])
        #expect(server.handle(.received(.resume(sessionID: server.sessionID, resumeToken: server.resumeToken,
                                                lastAckedSeq: 1)), at: ms(950)) == [
            .send(.welcome(sessionID: server.sessionID, resumeToken: server.resumeToken, lastReceivedSeq: 2,
                           resumed: true)),
            .send(.partialTranscript("hello")),
            .send(.state(.listening)),
        ])
        #expect(server.handle(.received(.audio(seq: 2, chunk: speech)), at: ms(960)) == [.send(.ack(seq: 2))])
        #expect(server.usage.duplicateChunks == 1)
        _ = server.handle(.received(.audio(seq: 13, chunk: speech)), at: ms(970))
        #expect(server.usage.lostAudioMicros == 1_000_000)
        #expect(server.usage.resumes == 1)
    }

    @Test("A resume with the wrong token is refused")
    func wrongTokenRefused() {
        var server = activeServer()
        #expect(server.handle(.received(.resume(sessionID: server.sessionID, resumeToken: 1, lastAckedSeq: 0)),
                              at: ms(50))
            == [.send(.error(code: .sessionUnknown, message: "session \(hex16(server.sessionID)) is unknown or expired"))])
    }

    @Test("The session ends when the grace period passes without a resume")
    func graceExpires() {
        var server = activeServer()
        _ = server.handle(.clientDisconnected, at: ms(250))
        let actions = server.handle(.timerFired(.resumeGrace), at: ms(30_250))
        #expect(actions.contains(.stt(.close)))
        #expect(actions.last == .sessionEnded(usage: server.usage))
        #expect(server.phase == .ended)
    }
}

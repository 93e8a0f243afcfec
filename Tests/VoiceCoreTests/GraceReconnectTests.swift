import Testing
import VoiceCore

/// Defect b: reconnecting around the end of the resume grace period.
@Suite("Reconnect across grace expiry")
struct GraceReconnectTests {
    /// A session that received mic chunks 1...3, then lost its client at t=1 s.
    func serverWithLostClient() -> ServerSession {
        var server = activeServer()
        for seq in UInt64(1)...3 { _ = server.handle(.received(.audio(seq: seq, chunk: speech)), at: ms(Int64(seq) * 100)) }
        _ = server.handle(.clientDisconnected, at: ms(1_000))
        return server
    }

    @Test("A new session after grace expiry counts the mic audio no session received")
    func gapCountedAfterExpiry() {
        var server = serverWithLostClient()
        let graceEnd = ms(1_000) + server.config.resumeGraceMicros
        _ = server.handle(.timerFired(.resumeGrace), at: graceEnd)
        #expect(server.phase == .ended)
        _ = server.handle(.clientConnected, at: graceEnd + 500_000)
        _ = server.handle(.received(.resume(sessionID: server.sessionID, resumeToken: server.resumeToken,
                                            lastAckedSeq: 3)), at: graceEnd + 550_000)
        _ = server.handle(.received(.hello(userID: "u", pipeline: .v2)), at: graceEnd + 600_000)
        let welcome = server.handle(.admission(.granted), at: graceEnd + 610_000)
        #expect(welcome.first == .send(.welcome(sessionID: server.sessionID, resumeToken: server.resumeToken,
                                                lastReceivedSeq: 3, resumed: false)),
                "the new session says what the call's earlier session already had")
        // The client replays its 5 s buffer: seqs 260...309; 4...259 never reached any session.
        let firstReplayed: UInt64 = 260
        _ = server.handle(.received(.audio(seq: firstReplayed, chunk: speech)), at: graceEnd + 700_000)
        #expect(server.usage.lostAudioMicros == Int64(firstReplayed - 4) * AudioFormat.micChunkMicros)
        #expect(server.usage.sttMicros == AudioFormat.micChunkMicros)
    }

    @Test("A resume arriving late on a connection already lost neither resumes nor leaves the grace timer armed")
    func lateResumeOnLostConnection() {
        var server = serverWithLostClient()
        _ = server.handle(.clientConnected, at: ms(1_200))
        _ = server.handle(.clientDisconnected, at: ms(1_500))
        // The resume sent on the connection that just dropped is delivered late.
        let ghost = server.handle(.received(.resume(sessionID: server.sessionID, resumeToken: server.resumeToken,
                                                    lastAckedSeq: 3)), at: ms(1_600))
        #expect(!ghost.contains { if case .send(.welcome) = $0 { true } else { false } }, "\(ghost)")
        #expect(server.usage.resumes == 0)
        // The client's next connection must still disarm the grace timer.
        #expect(server.handle(.clientConnected, at: ms(2_000)) == [.cancelTimer(.resumeGrace)])
    }

    @Test("The grace timer never tears down a connection that opened before it fired")
    func graceTimerCancelledOnConnect() {
        var server = serverWithLostClient()
        let graceEnd = ms(1_000) + server.config.resumeGraceMicros
        #expect(server.handle(.clientConnected, at: graceEnd + -10_000) == [.cancelTimer(.resumeGrace)])
        let resumed = server.handle(.received(.resume(sessionID: server.sessionID, resumeToken: server.resumeToken,
                                                      lastAckedSeq: 3)), at: graceEnd + 40_000)
        #expect(resumed.first == .send(.welcome(sessionID: server.sessionID, resumeToken: server.resumeToken,
                                                lastReceivedSeq: 3, resumed: true)))
        #expect(server.phase == .active)
    }
}

import Testing
import VoiceCore

@Suite("State held only by the active call")
struct ActiveCallTests {
    @Test("The active call holds the open STT stream and the grace deadline; an ended call holds neither")
    func callStateEndsWithTheCall() {
        var server = activeServer()
        #expect(server.activeCall?.sttOpen == true)
        #expect(server.activeCall?.graceDeadline == nil)
        _ = server.handle(.clientDisconnected, at: ms(1_000))
        let graceEnd = ms(1_000) + server.config.resumeGraceMicros
        #expect(server.activeCall?.graceDeadline == graceEnd)
        let ended = server.handle(.timerFired(.resumeGrace), at: graceEnd)
        #expect(ended.contains(.stt(.close)), "the open stream is closed with the call: \(ended)")
        #expect(server.phase == .ended)
        #expect(server.activeCall == nil && server.response == nil)
    }

    @Test("activity tells whether a call is active and its reply's id, as phase and response do apart")
    func activityMatchesPhaseAndResponse() {
        var server = ServerSession(seed: 1)
        #expect(server.activity == (false, nil), "awaiting hello")
        server = activeServer()
        #expect(server.activity == (true, nil), "active, no reply yet")
        _ = server.handle(.stt(.partial("Book a table")), at: ms(1_000))
        _ = server.handle(.stt(.speechEnded), at: ms(1_200))
        _ = server.handle(.timerFired(.speculativeHold), at: ms(1_500))
        #expect(server.response?.id == 1)
        #expect(server.activity == (true, 1), "active, replying")
        _ = server.handle(.clientDisconnected, at: ms(2_000))
        _ = server.handle(.timerFired(.resumeGrace), at: ms(2_000) + server.config.resumeGraceMicros)
        #expect(server.phase == .ended)
        #expect(server.activity == (false, nil), "ended")
    }

    @Test("A V1 call has no STT stream open; a V2 call's next session starts with a fresh active call")
    func freshCallPerSession() {
        #expect(activeServer(pipeline: .v1).activeCall?.sttOpen == false)
        var server = activeServer()
        _ = server.handle(.clientDisconnected, at: ms(1_000))
        _ = server.handle(.timerFired(.resumeGrace), at: ms(1_000) + server.config.resumeGraceMicros)
        let later = ms(1_000) + server.config.resumeGraceMicros + 1_000_000
        _ = server.handle(.clientConnected, at: later)
        _ = server.handle(.received(.hello(userID: "u", pipeline: .v2)), at: later)
        _ = server.handle(.admission(.granted), at: later)
        #expect(server.phase == .active)
        #expect(server.activeCall?.graceDeadline == nil, "the ended call's deadline does not carry over")
        #expect(server.activeCall?.sttOpen == true && server.activeCall?.unconfirmed == [])
    }
}

import Recorder
import Testing
import VoiceCore
import VoiceLive

/// The LLM stand-in refuses with HTTP 529 through a live server: the core retries after its
/// backoff and the turn is still answered.
@Suite("live LLM overload")
struct LLMOverloadTests {
    @Test("a 529 from the LLM stand-in is retried after the core's backoff, and the turn is answered")
    func overloadRetried() async throws {
        let text = "what is the weather like today"
        let speech = TestSpeech([(text, 300)], durationMs: 4_500)
        let directory = TemporaryDirectory()
        let serverPath = directory.path("server.sqlite")
        var configuration = StandInConfiguration(profiles: .liveTests)
        configuration.llm.overloadFirstRequests = 1
        let server = try await TestServer.start(
            standIns: configuration, traces: TraceStore(path: serverPath, audio: .hash, report: { _ in }))
        let report = await server.call(speech.mic, maxSeconds: 15)
        try await server.stop()

        #expect(report.turns.map(\.heard) == [text])
        let turn = try #require(report.turns.first)
        #expect(turn.voiceToVoiceMillis != nil && turn.playedMillis > 0 && !turn.interrupted, "\(turn)")
        #expect(report.serverErrors.isEmpty, "\(report.serverErrors)")

        // The stand-in's own log: refused once, then answered.
        let requests = server.standIns.log.timedEvents.compactMap { entry -> (at: ContinuousClock.Instant, status: Int)? in
            if case .llmRequest(_, let status) = entry.event { (entry.at, status) } else { nil }
        }
        #expect(requests.map(\.status) == [529, 200])
        let ceiling = ServerConfig().llmRetryCeilingMicros(retry: 1)
        if requests.count == 2 {
            // The retry came no sooner than the backoff's floor, and not much later than its
            // ceiling (the slack is the 529's round trip and a loaded machine's scheduling).
            let (seconds, attoseconds) = (requests[1].at - requests[0].at).components
            let gap = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
            #expect(gap >= ceiling / 2 && gap <= ceiling + 1_000_000, "retry \(gap) µs after the 529")
        }

        // The server's trace: the core drew one delay inside [c/2, c] and replays identically.
        let reader = try TraceReader(path: serverPath)
        let session = try #require(try reader.sessions().first)
        let delays = try reader.events(session: session.id).all().flatMap { event -> [Int64] in
            guard case .server(let actions) = event.output else { return [] }
            return actions.compactMap { action in
                if case .setTimer(.llmRetry, let due) = action { due.micros - event.time.micros } else { nil }
            }
        }
        #expect(delays.count == 1 && delays.allSatisfy { $0 >= ceiling / 2 && $0 <= ceiling }, "\(delays)")
        #expect(try replayAll(serverPath).allSatisfy(\.isIdentical))
    }
}

import Foundation
import Recorder
import TestSupport
import Testing
import VoiceCore
import VoiceLive
import VoiceSim

/// Live calls over loopback: `LiveServer` with test providers, `LiveCall` with a WAV the test
/// makes. To run them against the protocol stand-ins, change `providers(_:)` only.
@Suite("live calls end to end")
struct EndToEndTests {
    /// The providers every end-to-end test talks to.
    static func providers(_ speech: TestSpeech, profiles: ProviderProfiles = .liveTests) -> ModelProviderFactory {
        ModelProviderFactory(speech: speech.timeline, profiles: profiles)
    }

    @Test("three turns are answered, and the server's and the client's traces each replay identically")
    func threeTurns() async throws {
        let speech = TestSpeech(
            [("hello there my friend", 300), ("what time is it now", 5_300), ("thank you very much", 10_300)],
            durationMs: 13_500)
        let directory = TemporaryDirectory()
        let serverPath = directory.path("server.sqlite")
        let clientPath = directory.path("client.sqlite")
        let server = try await TestServer.start(
            providers: EndToEndTests.providers(speech),
            traces: TraceStore(path: serverPath, audio: .full, report: { Issue.record("server trace: \($0)") }))
        let report = await server.call(
            speech.mic, traces: TraceStore(path: clientPath, audio: .full, report: { Issue.record("client trace: \($0)") }))
        try await server.stop()

        #expect(report.finalState == "ended")
        #expect(report.turns.map(\.heard) == speech.texts)
        #expect(report.turns.map(\.said) == speech.texts)
        for turn in report.turns {
            #expect(turn.voiceToVoiceMillis != nil && turn.playedMillis > 0 && !turn.interrupted, "\(turn)")
        }
        #expect(report.reconnectAttempts == 0 && report.lostAudioMillis == 0)

        for (side, path) in [("server", serverPath), ("client", clientPath)] {
            let reader = try TraceReader(path: path)
            let sessions = try reader.sessions()
            #expect(sessions.count == 1, "\(side)")
            #expect(sessions.first?.header.origin == .live, "\(side)")
            let replays = try Replayer().replayAll(reader)
            #expect(replays.count == 1)
            for replay in replays {
                #expect(replay.isIdentical, "\(side): \(replay.divergence.map { "\($0)" } ?? "final digest differs")")
                #expect(replay.recordingFinished && replay.eventsReplayed == replay.eventsRecorded, "\(side)")
                #expect(replay.eventsReplayed > 200, "\(side): only \(replay.eventsReplayed) events")
            }
        }
        let clientReplay = try #require(try replayAll(clientPath).first)
        #expect(clientReplay.finalDigest == report.finalDigest)
        // The command line reads them unchanged.
        if let binary = voicesimBinary() {
            for path in [serverPath, clientPath] {
                #expect(try runVoicesim(binary, ["replay", path]).status == 0, "voicesim replay \(path)")
                let inspect = try runVoicesim(binary, ["inspect", path, "--json"])
                #expect(inspect.status == 0 && inspect.output.contains("\"live\""), "voicesim inspect \(path)")
            }
        }
    }

    @Test("a barge-in mid-answer stops playback at once and the TTS provider receives the cancel")
    func bargeIn() async throws {
        let bargeAtMs: Int64 = 5_500
        let speech = TestSpeech([("tell me a long story please", 300), ("stop that is enough", bargeAtMs)],
                                durationMs: 7_500)
        var profiles = ProviderProfiles.liveTests
        profiles.llm.replyWordsMin = 40
        profiles.llm.replyWordsMax = 50
        let providers = EndToEndTests.providers(speech, profiles: profiles)
        let server = try await TestServer.start(providers: providers)
        let report = await server.call(speech.mic, maxSeconds: 10)
        try await server.stop()

        #expect(report.bargeIns == 1)
        let first = try #require(report.turns.first)
        let responseID = try #require(first.responseID)
        #expect(first.interrupted)
        // It played from its start (~3.5 s) until the barge-in (5.5 s + the VAD's 200 ms), not its whole ~9 s.
        #expect(first.playedMillis > 500 && first.playedMillis < 3_500, "played \(first.playedMillis) ms")
        #expect(providers.ledger.commands.contains(.tts(.cancel(responseID: responseID))))
        // Loud before the caller spoke over it, silent right after the VAD heard the caller.
        let before = rms(report.heardAudio, fromMs: bargeAtMs - 600, toMs: bargeAtMs - 100)
        let after = rms(report.heardAudio, fromMs: bargeAtMs + 450, toMs: bargeAtMs + 950)
        #expect(before > 1_000 && after < 50, "RMS \(before) before, \(after) after the barge-in")
    }

    @Test("a reset from the fault proxy mid-utterance loses no audio: the client resumes and replays its buffer")
    func resetMidUtterance() async throws {
        let text = "this sentence is long enough to be cut in the middle by a reset"
        let speech = TestSpeech([(text, 300)], durationMs: 6_000)
        let directory = TemporaryDirectory()
        let serverPath = directory.path("server.sqlite")
        let server = try await TestServer.start(
            providers: EndToEndTests.providers(speech), traces: TraceStore(path: serverPath, audio: .hash, report: { _ in }))
        let proxy = try await FaultProxy.start(
            FaultProxyOptions(
                listenPort: 0, upstreamPort: server.port,
                faults: FaultSchedule([Fault(name: "reset", startMicros: 2_500_000, endMicros: 2_500_000, kind: .connectionReset)])))
        let report = await server.call(speech.mic, url: "ws://127.0.0.1:\(proxy.port)/api/voice-v2", maxSeconds: 20)
        await proxy.close()
        try await server.stop()

        #expect(report.reconnectAttempts >= 1 && report.resumes >= 1, "\(report.reconnectAttempts) reconnects, \(report.sessionRestarts) restarts, errors \(report.serverErrors)")
        // How many chunks the resume re-sends depends on how many were unacknowledged when the
        // reset hit (often none on loopback); what must hold is that none of them is lost.
        #expect(report.lostAudioMillis == 0)
        #expect(report.turns.map(\.heard) == [text])
        #expect(report.finalState == "ended")
        let session = try #require(try TraceReader(path: serverPath).sessions().first)
        #expect(session.summary?.lostAudioMillis == 0)
        #expect(session.summary?.reconnectCount == Int64(report.resumes))
        #expect(try replayAll(serverPath).allSatisfy(\.isIdentical))
    }
}

/// Root mean square of `samples` in `[fromMs, toMs)` at 16 kHz.
func rms(_ samples: [Int16], fromMs: Int64, toMs: Int64) -> Int {
    let start = min(samples.count, Int(fromMs) * 16)
    let end = min(samples.count, Int(toMs) * 16)
    guard end > start else { return 0 }
    var sum: Double = 0
    for sample in samples[start..<end] { sum += Double(sample) * Double(sample) }
    return Int((sum / Double(end - start)).squareRoot())
}

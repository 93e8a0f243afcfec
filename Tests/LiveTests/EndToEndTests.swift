import Foundation
import Recorder
import TestSupport
import Testing
import VoiceCore
import VoiceLive
import VoiceSim

/// Live calls over loopback: `LiveServer` with the real provider adapters talking to the local
/// stand-ins (as `voicesim serve --providers local`), `LiveCall` with a WAV the test makes.
@Suite("live calls end to end", .serialized)
struct EndToEndTests {
    @Test("three turns are answered, and the server's and the client's traces each replay identically")
    func threeTurns() async throws {
        let speech = TestSpeech(
            [("hello there my friend", 300), ("what time is it now", 6_300), ("thank you very much", 12_300)],
            durationMs: 15_500)
        let directory = TemporaryDirectory()
        let serverPath = directory.path("server.sqlite")
        let clientPath = directory.path("client.sqlite")
        let server = try await TestServer.start(
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
        // Each turn's answer is the text the server sent to TTS for the response that played.
        let spoken = try ttsTexts(serverPath)
        #expect(report.turns.map(\.answer) == report.turns.map { $0.responseID.flatMap { spoken[$0] } })
        #expect(report.turns.allSatisfy { ($0.answer?.split(separator: " ").count ?? 0) >= 4 }, "\(report.turns.map(\.answer))")

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
        // The providers' own ids are marked in the server's trace, beside the core's events.
        let serverReader = try TraceReader(path: serverPath)
        let serverSession = try #require(try serverReader.sessions().first)
        let requestMarks = try serverReader.marks(session: serverSession.id).filter { $0.kind.rawValue == "provider_request" }
            .map(\.label)
        #expect(requestMarks.filter { $0.hasPrefix("deepgram stt stream: request_id=") }.count == 1, "\(requestMarks)")
        let llmMarks = requestMarks.filter { $0.hasPrefix("anthropic llm request ") }
        #expect(llmMarks.count == 3 && llmMarks.allSatisfy { $0.contains("message.id=msg_") && $0.contains("request-id=req_") },
                "\(requestMarks)")
        let clientReplay = try #require(try replayAll(clientPath).first)
        #expect(clientReplay.finalDigest == report.finalDigest)
        // The command line reads them unchanged.
        if let binary = voicesimBinary() {
            for path in [serverPath, clientPath] {
                #expect(try runVoicesim(binary, ["replay", path]).status == 0, "voicesim replay \(path)")
                let inspect = try runVoicesim(binary, ["inspect", path, "--json"])
                #expect(inspect.status == 0 && inspect.output.contains("\"live\""), "voicesim inspect \(path)")
            }
            let inspect = try runVoicesim(binary, ["inspect", serverPath])
            #expect(inspect.output.contains("provider_request: anthropic llm request"), "\(inspect.output)")
            // The duration counts from the session's start, not from the Unix time it began at.
            let seconds = inspect.output.firstMatch(of: /\n  ([0-9]+)\.[0-9] s, 3 turns/).flatMap { Int($0.1) }
            #expect(seconds.map { (14...40).contains($0) } == true, "\(inspect.output)")
        }
    }

    @Test("a barge-in mid-answer stops playback at once and the TTS provider receives the cancel")
    func bargeIn() async throws {
        // The caller speaks over the answer 2 s after it starts playing, however long it took to come.
        let bargeAfterMs: Int64 = 2_000
        let script = UserScript(utterances: [
            UserScript.Utterance("tell me a long story please", start: .at(.millis(300))),
            UserScript.Utterance("stop that is enough", start: .bargeIn(afterMicros: bargeAfterMs * 1_000)),
        ])
        var profiles = ProviderProfiles.liveTests
        profiles.llm.replyWordsMin = 40
        profiles.llm.replyWordsMax = 50
        // Synthesis at 0.8 × real time: the answer is still streaming from the TTS when the
        // caller speaks over it, so the core's cancel has a stream to close.
        profiles.tts.synthesisMicrosPerAudioSecond = 800_000
        let server = try await TestServer.start(standIns: StandInConfiguration(profiles: profiles))
        let report = await server.call(.script(script, seed: 7), maxSeconds: 20)
        // The adapter cancels by closing the ElevenLabs stream; the stand-in logs it when its
        // read loop ends, which may come after the call has hung up.
        let cancelled = await server.standIns.log.wait {
            if case .ttsEnded(stream: 1, .clientClosed, _) = $0 { true } else { false }
        }
        try await server.stop()

        #expect(report.bargeIns == 1)
        let first = try #require(report.turns.first)
        #expect(first.responseID != nil)
        #expect(first.interrupted)
        // It played until the barge-in (2 s + the VAD's 200 ms), not its whole ~9 s.
        #expect(first.playedMillis > 1_500 && first.playedMillis < 3_500, "played \(first.playedMillis) ms")
        #expect(cancelled != nil, "stand-in log: \(server.standIns.log.events)")
        #expect(!server.standIns.log.events.contains { if case .ttsEnded(stream: 1, .completed, _) = $0 { true } else { false } })
        // Loud before the caller spoke over it, silent right after the VAD heard the caller.
        let playbackStartMs = Int64(try #require(report.heardAudio.firstIndex { $0 != 0 }) / 16)
        let bargeAtMs = playbackStartMs + bargeAfterMs
        let before = rms(report.heardAudio, fromMs: bargeAtMs - 600, toMs: bargeAtMs - 100)
        let after = rms(report.heardAudio, fromMs: bargeAtMs + 450, toMs: bargeAtMs + 950)
        #expect(before > 1_000 && after < 50, "RMS \(before) before, \(after) after the barge-in")
    }

    @Test("a reset from the fault proxy after a stall loses no audio: the client resumes and re-sends what was unacknowledged")
    func resetMidUtterance() async throws {
        let text = "this sentence is long enough to be cut in the middle by a reset"
        let speech = TestSpeech([(text, 300)], durationMs: 6_000)
        let directory = TemporaryDirectory()
        let serverPath = directory.path("server.sqlite")
        let server = try await TestServer.start(traces: TraceStore(path: serverPath, audio: .hash, report: { _ in }))
        // The stall holds 800 ms of the caller's audio (and the server's acks) inside the proxy,
        // and the reset drops it: those chunks were sent and never acknowledged, so only the
        // client's replay buffer can bring them to the server. The stall outlasts the reset,
        // so its held bytes are never delivered before the connection is cut.
        let proxy = try await FaultProxy.start(
            FaultProxyOptions(
                listenPort: 0, upstreamPort: server.port,
                faults: FaultSchedule([
                    Fault(name: "stall", startMicros: 2_000_000, endMicros: 3_200_000, kind: .stall),
                    Fault(name: "reset", startMicros: 2_800_000, endMicros: 2_800_000, kind: .connectionReset),
                ])))
        let report = await server.call(speech.mic, url: "ws://127.0.0.1:\(proxy.port)/api/voice-v2", maxSeconds: 20)
        await proxy.close()
        try await server.stop()

        #expect(report.reconnectAttempts >= 1 && report.resumes >= 1, "\(report.reconnectAttempts) reconnects, \(report.sessionRestarts) restarts, errors \(report.serverErrors)")
        #expect(report.chunksReplayed >= 5, "re-sent \(report.chunksReplayed) chunks")
        #expect(report.lostAudioMillis == 0)
        #expect(report.turns.map(\.heard) == [text])
        #expect(report.finalState == "ended")
        let session = try #require(try TraceReader(path: serverPath).sessions().first)
        #expect(session.summary?.lostAudioMillis == 0)
        #expect(session.summary?.reconnectCount == Int64(report.resumes))
        #expect(try replayAll(serverPath).allSatisfy(\.isIdentical))
    }
}

/// The text each response of the trace's first session sent to TTS (`.text` or V1
/// `.synthesize` commands, in order), without leading or trailing spaces.
func ttsTexts(_ path: String) throws -> [UInt32: String] {
    let reader = try TraceReader(path: path)
    guard let session = try reader.sessions().first else { return [:] }
    var texts: [UInt32: String] = [:]
    for event in try reader.events(session: session.id).all() {
        guard case .server(let actions) = event.output else { continue }
        for action in actions {
            switch action {
            case .tts(.text(let responseID, let text)), .tts(.synthesize(let responseID, let text)):
                texts[responseID, default: ""] += text
            default:
                continue
            }
        }
    }
    return texts.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
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

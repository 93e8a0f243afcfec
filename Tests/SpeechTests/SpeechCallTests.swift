import Testing
import VoiceCore
import VoiceLive
import VoiceSim

/// Real speech both ways over loopback: espeak-ng speaks the caller's questions, the Deepgram
/// stand-in hears them with pocketsphinx, the ElevenLabs stand-in answers with espeak-ng, and
/// the caller transcribes what it heard back.
extension SpeechTestSuite {
@Suite("real speech both ways")
struct SpeechCallTests {
    @Test("a call that says three questions is heard and answered three times over real speech")
    func threeQuestions() async throws {
        // Short answers, so the call takes seconds; 8 to 10 words, so that hearing them back
        // (pocketsphinx gets about four words in ten wrong on espeak-ng's replies, and may
        // merge or drop short ones) leaves at least two words of each.
        var profiles = ProviderProfiles()
        profiles.llm.replyWordsMin = 8
        profiles.llm.replyWordsMax = 10
        var configuration = StandInConfiguration(seed: 11, profiles: profiles)
        configuration.speech = true
        let standIns = try await StandIns.start(configuration)
        let server = LiveServer(
            options: LiveServerOptions(
                host: "127.0.0.1", port: 0, token: "speech-token", limits: ServerLimits(), traces: nil, state: nil,
                providers: LiveProviderFactory(endpoints: standIns.endpoints), log: { _ in }))
        let (ports, listening) = AsyncStream<Int>.makeStream()
        let running = Task { try await server.run { listening.yield($0) } }
        var portIterator = ports.makeAsyncIterator()
        let port = try #require(await portIterator.next(), "the server did not start")
        let questions = ["what time is it", "tell me a joke", "thank you very much"]
        let report = await LiveCall.run(
            CallOptions(
                url: "ws://127.0.0.1:\(port)/api/voice-v2", token: "speech-token",
                mic: .spoken(try SpokenMic.speaking(questions)), seed: 42, maxMicros: 60_000_000))
        await server.shutdown()
        try await running.value
        await standIns.shutdown()

        #expect(report.finalState == "ended")
        // The STT stand-in heard each question with pocketsphinx, from the audio alone.
        #expect(report.turns.map(\.heard) == questions)
        #expect(report.turns.map(\.said) == questions)
        let heardByStandIn = standIns.log.events.compactMap { event -> String? in
            if case .sttHeard(_, let transcript) = event { return transcript }
            return nil
        }
        #expect(heardByStandIn == questions)
        for turn in report.turns {
            // Half a second or more of espeak-ng's answer played, all of it.
            #expect(turn.playedMillis >= 500 && !turn.interrupted && turn.voiceToVoiceMillis != nil, "\(turn)")
        }
        let heardBack = try AnswerTranscriber.transcribe(report)
        for turn in heardBack.turns {
            let words = (turn.heardBack ?? "").split(separator: " ")
            #expect(words.count >= 2, "heard back \(turn.heardBack ?? "nothing") for \(turn.said ?? "?")")
        }
    }
}
}

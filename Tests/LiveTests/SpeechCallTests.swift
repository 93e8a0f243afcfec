import Testing
import VoiceCore
import VoiceLive
import VoiceSim

/// Real speech both ways over loopback: espeak-ng speaks the caller's questions, the Deepgram
/// stand-in hears them with pocketsphinx, the ElevenLabs stand-in answers with espeak-ng, and
/// the caller transcribes what it heard back.
@Suite("real speech both ways")
struct SpeechCallTests {
    @Test("a call that says three questions is heard and answered three times over real speech")
    func threeQuestions() async throws {
        var configuration = StandInConfiguration(seed: 11, profiles: .liveTests)
        configuration.speech = true
        let standIns = try await StandIns.start(configuration)
        let server = try await TestServer.start(providers: LiveProviderFactory(endpoints: standIns.endpoints))
        let questions = ["what time is it", "tell me a joke", "thank you very much"]
        let report = await server.call(.spoken(try SpokenMic.speaking(questions)), maxSeconds: 60)
        try await server.stop()
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
            let words = (turn.answer ?? "").split(separator: " ")
            #expect(words.count >= 2, "heard back \(turn.answer ?? "nothing") for \(turn.said ?? "?")")
        }
    }
}

import Foundation
import Testing
import VoiceCore
import VoiceLive
import VoiceSim

/// `voicesim fidelity`: the meter both sides share, and a short scenario run both ways.
@Suite("fidelity")
struct FidelityTests {
    /// Two short questions with short answers: about 11 s of real time live.
    static let shortScenario = """
        name: fidelity-short
        seed: 0x5eed00f1
        durationMs: 11000
        pipeline: v2
        network:
          up: {baseLatencyMs: 30, jitter: {kind: uniform, maxMs: 10}}
          down: {baseLatencyMs: 30, jitter: {kind: uniform, maxMs: 10}}
        providers:
          llm: {replyWordsMin: 3, replyWordsMax: 5}
        users:
          - id: caller
            utterances:
              - {text: "Hello there, how are you?", atMs: 500}
              - {text: "Thanks, that is all.", afterReplyMs: 500}
        faults:
          - {name: lossy, kind: loss, startMs: 9000, durationMs: 500, lossPpm: 1000}
        """

    @Test("the meter times each component from the server's steps, from the end of the last voiced frame")
    func meter() {
        let threshold: UInt32 = 490_000
        var meter = FidelityLaneMeter(thresholdEnergy: threshold)
        // Frames 0–2 voiced, 3–4 silent: speech ended 40 ms before the chunk arrived at 1 s.
        let voiced = AudioChunk(sampleCount: 1_600, fingerprint: 1, frameEnergies: [threshold, threshold + 1, threshold, 0, 10])
        meter.record(.received(.audio(seq: 10, chunk: voiced)), actions: [], at: .millis(1_000))
        // A replayed older chunk is not new speech.
        meter.record(.received(.audio(seq: 9, chunk: voiced)), actions: [], at: .millis(1_200))
        meter.record(.stt(.final("hello")), actions: [.llm(.start(requestID: 1, history: [], stream: true))],
                     at: .millis(1_500))
        meter.record(.llm(.token(requestID: 1, text: "Hi")), actions: [.tts(.text(responseID: 1, text: "Hi "))],
                     at: .millis(2_000))
        meter.record(.llm(.token(requestID: 1, text: " there")), actions: [], at: .millis(2_020))
        let audio = AudioChunk(samples: [Int16](repeating: 0, count: 1_600))
        meter.record(.tts(.audio(responseID: 1, chunk: audio, textEnd: 3)),
                     actions: [.send(.responseAudio(responseID: 1, chunk: audio))], at: .millis(2_400))
        #expect(meter.finals == 1)
        #expect(meter.samples[.sttFinal] == [1_500_000 - 960_000])
        #expect(meter.samples[.llmStart] == [1_500_000 - 960_000])
        #expect(meter.samples[.llmFirstToken] == [500_000])
        #expect(meter.samples[.ttsFirstAudio] == [400_000])
        #expect(meter.samples[.firstReplyAudio] == [2_400_000 - 960_000])
    }

    @Test("a short scenario runs both ways: the JSON has sim and live with p50Ms and p95Ms, and equal turns")
    func shortRun() async throws {
        let path = NSTemporaryDirectory() + "fidelity-short-\(UUID().uuidString).yaml"
        try Self.shortScenario.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let scenario = try Scenario.load(file: path)
        let report = try await Fidelity.run(FidelityOptions(scenario: scenario, maxMicros: 60_000_000))

        let utterances = scenario.users[0].utterances.count
        #expect(report.sim.finals == utterances)
        #expect(report.live.finals == report.sim.finals)
        #expect(report.sim.voiceToVoiceMicros.count == utterances)
        #expect(report.live.voiceToVoiceMicros.count == report.sim.voiceToVoiceMicros.count)
        #expect(report.notReplayed.count == 1 && report.notReplayed[0].contains("lossy"), "\(report.notReplayed)")

        let json = report.json.rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for side in ["sim", "live"] {
            let values = try #require(object[side] as? [String: Any], "\(json)")
            #expect(values["p50Ms"] is NSNumber, "\(side): \(json)")
            #expect(values["p95Ms"] is NSNumber, "\(side): \(json)")
            #expect((values["turns"] as? NSNumber)?.intValue == utterances, "\(side): \(json)")
            let components = try #require(values["components"] as? [String: Any])
            #expect(Set(components.keys) == Set(FidelityComponent.allCases.map(\.key)))
            let firstToken = try #require(components[FidelityComponent.llmFirstToken.key] as? [String: Any])
            #expect(firstToken["p50Ms"] is NSNumber, "\(side): \(json)")
        }
        let ratios = try #require(object["ratios"] as? [String: Any])
        #expect(ratios["p50"] is NSNumber && ratios["p95"] is NSNumber, "\(json)")
    }
}

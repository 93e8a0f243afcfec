import Testing
import VoiceCore

@testable import VoiceSim

@Suite("Provider profile field tables")
struct ProfileFieldTests {
    static let everyField = """
        name: all-provider-fields
        durationMs: 10000
        providers:
          stt: {openLatency: {meanMs: 90}, partialLatency: {meanMs: 70, jitterMs: 5}, partialIntervalMs: 120,
                endpointingMs: 450, finalDelay: {meanMs: 60, tailPpm: 100, tailMaxMs: 900}, wordErrorPpm: 1234,
                finalCorrectionPpm: 4321, restLatency: {meanMs: 2000}, failureLatency: {meanMs: 30}, idleTimeoutMs: 7000}
          llm: {timeToFirstToken: {meanMs: 650}, tokensPerSecondMin: 21, tokensPerSecondMax: 22, replyWordsMin: 3,
                replyWordsMax: 4, restLatency: {meanMs: 2100}, serverErrorPpm: 10, failureLatency: {meanMs: 40},
                slowTokensPpm: 20, slowTokenFactor: 7, systemPromptTokens: 99}
          tts: {firstAudio: {meanMs: 333}, charactersPerSecond: 17, synthesisMsPerAudioSecond: 111,
                restLatency: {meanMs: 1900}, failureLatency: {meanMs: 50}, chunkMs: 40, pitchHz: 333}
        users:
          - utterances:
              - {text: "hello", atMs: 500}
        """

    @Test("Every field of a provider table is read from a file and written back under the same name")
    func everyFieldRoundTrips() throws {
        let scenario = try Scenario.parse(Self.everyField, fileName: "all.yaml")
        #expect(scenario.providers.stt.idleTimeoutMicros == 7_000_000)
        #expect(scenario.providers.llm.systemPromptTokens == 99)
        #expect(scenario.providers.tts.chunkMicros == 40_000 && scenario.providers.tts.voice.pitchHz == 333)
        let yaml = scenario.yaml
        let names = STTProfile.scenarioFields.map(\.name) + LLMProfile.scenarioFields.map(\.name)
            + TTSProfile.scenarioFields.map(\.name)
        for name in names { #expect(yaml.contains(" \(name): ") || yaml.contains("{\(name): "), "\(name) not written") }
        #expect(try Scenario.parse(yaml, fileName: "again.yaml") == scenario)
        // Each table names a field once.
        for table in [STTProfile.scenarioFields.map(\.name), LLMProfile.scenarioFields.map(\.name),
                      TTSProfile.scenarioFields.map(\.name)] {
            #expect(Set(table).count == table.count)
        }
    }

    @Test("Defaults are left out; a changed bound is written with its partner so the file reads back")
    func defaultsAndPairs() throws {
        var scenario = try Scenario.parse(ScenarioParsingTests.minimal, fileName: "min.yaml")
        #expect(!scenario.yaml.contains("providers:"))
        scenario.providers.llm.replyWordsMin = LLMProfile().replyWordsMax + 5
        scenario.providers.llm.replyWordsMax = LLMProfile().replyWordsMax + 10
        #expect(scenario.yaml.contains("llm: {replyWordsMin: \(LLMProfile().replyWordsMax + 5), replyWordsMax: "))
        #expect(try Scenario.parse(scenario.yaml, fileName: "again.yaml") == scenario)
        let bad = ScenarioParsingTests.error(ScenarioParsingTests.minimal + "\nproviders: {tts: {chunkMs: 5}}\n")
        #expect(bad?.path == "providers.tts.chunkMs")
        #expect(bad?.reason == "expected an integer from 20 to 10000 (milliseconds), found 5")
    }
}

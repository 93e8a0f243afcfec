import Testing
import VoiceCore
import VoiceSim

@Suite("Run reports")
struct ReportTests {
    /// One question asked while the LLM is down for good.
    static let outage = """
        name: llm-down
        seed: 11
        durationMs: 30000
        pipeline: v2
        users:
          - id: asker
            utterances:
              - text: "Is anyone there?"
                atMs: 1000
        faults:
          - {name: llm-down, kind: providerOutage, provider: llm, startMs: 0, durationMs: 30000}
        """

    @Test("Errors sent to the client appear in the text report and the JSON, with the reply they belong to")
    func errorsReported() throws {
        var simulation = Simulation(scenario: try Scenario.parse(Self.outage, fileName: "llm-down.yaml"))
        let result = simulation.run()
        let expected = "the language model failed 3 times: llm: 503 service unavailable"
        #expect(result.clientErrors.map(\.message) == [expected])
        #expect(result.clientErrors.map(\.code) == [.providerFailed])
        #expect(result.refusals == 0)
        #expect(result.text.contains("errors sent to clients (1, 0 refusals):"))
        #expect(result.text.contains("provider_failed: \(expected)"))
        let reply = try #require(result.responses.first)
        #expect(reply.llmAttempts == 3, "the first attempt and two retries")
        #expect(reply.errors == [expected])
        #expect(reply.chunksSent == 0 && reply.tokensStreamed == 0)
        let json = result.json.rendered(indent: nil)
        #expect(json.contains("\"errors\""), "\(json)")
        #expect(json.contains("provider_failed"))
        #expect(json.contains("\"llmAttempts\""))
        // No attempt streamed a token, so none is billed.
        #expect(result.usages.first?.llmInputTokens == 0)
    }

    @Test("Per reply, chunks sent, received and played line up; a barge-in plays fewer than it received")
    func chunkCounts() throws {
        var simulation = Simulation(scenario: try #require(BuiltinScenarios.named("v2-barge-in")))
        let result = simulation.run()
        let heard = result.responses.filter { $0.chunksSent > 0 }
        #expect(!heard.isEmpty)
        for reply in heard {
            #expect(reply.chunksReceived <= reply.chunksSent && reply.chunksPlayed <= reply.chunksReceived, "\(reply)")
        }
        let interrupted = try #require(result.turns.first { $0.interrupted }?.responseID)
        let reply = try #require(result.responses.first { $0.responseID == interrupted })
        #expect(reply.chunksPlayed < reply.chunksReceived)
    }

    @Test("A cold start that outlasts the user's speech is its own component, not part of stt")
    func coldStartComponent() throws {
        let yaml = """
            name: cold
            seed: 7
            durationMs: 20000
            pipeline: v2
            server:
              coldStartMs: 2500
            users:
              - id: quick
                utterances:
                  - text: "Hi there."
                    atMs: 300
            """
        var simulation = Simulation(scenario: try Scenario.parse(yaml, fileName: "cold.yaml"))
        let result = simulation.run()
        let turn = try #require(result.turns.first)
        let llmStart = try #require(turn.llmStartAt)
        // The connection opens 2.5 s after its handshake reaches the server, well after "Hi there." ends.
        #expect(turn.coldStartMicros > 1_000_000 && turn.coldStartMicros < 2_500_000, "\(turn.coldStartMicros)")
        #expect(turn.sttMicros == llmStart.micros(since: turn.speechEndAt) - turn.coldStartMicros)
        #expect(result.breakdownMeansMicros.coldStart == turn.coldStartMicros)
    }
}

import Testing
import VoiceCore

@testable import VoiceSim

@Suite("Several calls per user, cough durations")
struct CallsAndCoughsTests {
    /// `calls` short calls of one user, `everyMillis` apart, each saying one sentence.
    static func calls(_ calls: Int, everyMillis: Int64, callMillis: Int64) -> String {
        """
        name: repeat-caller
        durationMs: \(Int64(calls) * everyMillis + callMillis)
        users:
          - id: heavy-user
            calls: \(calls)
            callEveryMs: \(everyMillis)
            callMs: \(callMillis)
            utterances:
              - {text: "hello there", atMs: 300}
        """
    }

    @Test("The 501st call of a day is refused by the seed's cap, and the refusal is in the report and the JSON")
    func dailyCapRefusesTheLastCall() throws {
        let cap = ServerProfile().dailyCallsMax
        // 3.5 s apart keeps every start under the throttle (20 calls a minute), whatever the network jitter.
        // A call of one second says hello and hangs up: the cap counts calls, not answers.
        let scenario = try Scenario.parse(Self.calls(cap + 1, everyMillis: 3_500, callMillis: 1_000), fileName: "cap.yaml")
        #expect(scenario.users[0].calls == cap + 1)
        var simulation = Simulation(scenario: scenario)
        let result = simulation.run()
        #expect(simulation.laneMachines.count == cap + 1)
        let refused = result.clientErrors.filter { $0.code == .refused }
        #expect(refused.map(\.lane) == [cap])
        #expect(refused.first?.message.hasPrefix("daily limit reached: heavy-user has started \(cap) calls today") == true)
        #expect(refused.first.map { $0.time >= Instant(micros: Int64(cap) * 3_500_000) } == true)
        #expect(result.refusals == 1)
        #expect(result.usages.count == cap, "every admitted call ends as a session")
        #expect(result.text.contains("errors sent to clients (1, 1 refusals):"))
        #expect(result.json.rendered(indent: nil).contains("\"refusals\":1"))
    }

    @Test("Calls placed faster than the throttle allows are refused as throttled; each call starts at its own time")
    func throttleAndCallStarts() throws {
        let limits = SessionLimits()
        // Eight-second calls, one a second: several are open at once (tabs), and each has time for an answer.
        let scenario = try Scenario.parse(
            Self.calls(limits.throttleCallsMax + 3, everyMillis: 1_000, callMillis: 8_000), fileName: "t.yaml")
        var simulation = Simulation(scenario: scenario)
        let result = simulation.run()
        let refused = result.clientErrors.filter { $0.code == .refused }
        #expect(refused.map(\.lane) == Array(limits.throttleCallsMax..<(limits.throttleCallsMax + 3)))
        #expect(refused.allSatisfy { $0.message.hasPrefix("throttled:") })
        // Each call's utterance starts 300 ms into its own call.
        for (index, user) in simulation.users.enumerated() {
            #expect(user.origin == Instant(micros: Int64(index) * 1_000_000))
            #expect(user.timeline.utterances.first?.start == user.origin + 300_000)
        }
        // Every admitted call is answered, each in its own call window; refused ones are not.
        let answered = Set(result.turns.filter { $0.firstPlayAt != nil }.map(\.lane))
        #expect(answered == Set(0..<limits.throttleCallsMax))
        for turn in result.turns where turn.firstPlayAt != nil {
            let user = simulation.users[turn.lane]
            #expect(turn.firstPlayAt.map { $0 > user.origin && $0 < user.origin + 8_000_000 } == true)
        }
    }

    @Test("A long cough during a reply is a barge-in; the default short one is not")
    func coughDuration() throws {
        let minimumSpeech = Int64(VADConfig().speechFramesMin) * AudioFormat.frameMicros
        #expect(SpeechSynth.coughMicros < minimumSpeech)
        func run(coughMillis: Int64?) throws -> (SimulationResult, SpeechTimeline) {
            let length = coughMillis.map { ", coughMs: \($0)" } ?? ""
            var simulation = Simulation(scenario: try Scenario.parse("""
                name: cough
                durationMs: 40000
                providers:
                  llm: {replyWordsMin: 35, replyWordsMax: 45}
                users:
                  - replyTimeoutMs: 60000
                    utterances:
                      - {text: "Tell me everything about the weather this week.", atMs: 1000, coughAfterReplyStartsMs: 1500\(length)}
                      - {text: "Thanks.", afterReplyMs: 1000}
                """, fileName: "cough.yaml"))
            let result = simulation.run()
            return (result, simulation.users[0].timeline)
        }
        let (short, shortTimeline) = try run(coughMillis: nil)
        let longMillis = minimumSpeech * 4 / 1_000
        let (long, longTimeline) = try run(coughMillis: longMillis)
        #expect(shortTimeline.coughs.map { $0.end.micros(since: $0.start) } == [SpeechSynth.coughMicros])
        #expect(longTimeline.coughs.map { $0.end.micros(since: $0.start) } == [longMillis * 1_000])
        #expect(short.interruptions == 0)
        #expect(long.interruptions == 1)
    }

    @Test("Coughs with durations, calls and call lengths survive YAML; bad values are errors at their paths")
    func yamlAndErrors() throws {
        let scenario = try Scenario.parse("""
            name: c
            durationMs: 60000
            users:
              - calls: 3
                callEveryMs: 15000
                callMs: 12000
                coughsAtMs: [2000]
                coughs: [{atMs: 4000, durationMs: 700}]
                utterances:
                  - {text: "hello", atMs: 500, coughAfterReplyStartsMs: 200, coughMs: 450}
            """, fileName: "c.yaml")
        let user = scenario.users[0]
        #expect(user.coughs == [.init(at: .millis(2_000)), .init(at: .millis(4_000), durationMicros: 700_000)])
        #expect(user.calls == 3 && user.callEveryMicros == 15_000_000 && user.callMicros == 12_000_000)
        #expect(user.utterances[0].coughMicros == 450_000)
        #expect(try Scenario.parse(scenario.yaml, fileName: "again.yaml") == scenario)

        func error(_ userFields: String) -> ScenarioError? {
            ScenarioParsingTests.error("""
                name: c
                durationMs: 10000
                users:
                  - \(userFields)
                    utterances: [{text: "hello", atMs: 500}]
                """)
        }
        #expect(error("calls: 2")?.path == "users[0].callEveryMs")
        #expect(error("calls: 0")?.path == "users[0].calls")
        let late = error("calls: 3\n    callEveryMs: 6000")
        #expect(late?.path == "users[0].calls" && late?.reason.contains("would start after the run ends") == true)
        #expect(error("coughs: [{atMs: 100, durationMs: 0}]")?.path == "users[0].coughs[0].durationMs")
        #expect(error("coughs: [{durationMs: 100}]")?.path == "users[0].coughs[0].atMs")
        let orphan = ScenarioParsingTests.error("""
            name: c
            durationMs: 10000
            users:
              - utterances: [{text: "hello", atMs: 500, coughMs: 300}]
            """)
        #expect(orphan?.path == "users[0].utterances[0].coughMs")
    }
}

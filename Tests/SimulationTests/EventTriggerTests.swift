import Testing
import VoiceCore

@testable import VoiceSim

@Suite("Event-relative triggers")
struct EventTriggerTests {
    /// An incident: the connection resets 200 ms after the second reply's first TTS audio,
    /// while that reply has just started streaming.
    static let incident = """
        name: reset-as-second-reply-streams
        durationMs: 45000
        users:
          - utterances:
              - {text: "Book a table for four at eight tonight, please.", atMs: 1000}
              - {text: "Actually, make that five people instead.", afterReplyMs: 800}
              - {text: "Thanks, that is everything for now.", afterReplyMs: 800}
        faults:
          - {kind: connectionReset, name: cut, at: {after: firstTTSAudio, offsetMs: 200, occurrence: 2}}
        """

    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
    /// The moment the incident is about: the first half second of the second reply's stream.
    static let momentMicros: Int64 = 500_000

    /// Runs `scenario` on `seed`; returns the run and when the second reply's first TTS audio came.
    static func run(_ scenario: Scenario, seed: UInt64) -> (simulation: Simulation, secondAudio: Instant?) {
        var simulation = Simulation(scenario: scenario, seed: seed)
        _ = simulation.run()
        let audio = simulation.observedEvents.filter { $0.event == .firstTTSAudio }.map(\.at)
        return (simulation, audio.count >= 2 ? audio[1] : nil)
    }

    @Test("A triggered fault fires at its event plus the offset, on every seed")
    func triggeredFaultHitsItsMomentOnEverySeed() throws {
        let scenario = try Scenario.parse(Self.incident, fileName: "incident.yaml")
        #expect(scenario.faults.isEmpty && scenario.triggeredFaults.count == 1)
        for seed in Self.seeds {
            let (simulation, secondAudio) = Self.run(scenario, seed: seed)
            let audio = try #require(secondAudio, "seed \(seed): no second reply")
            let fired = try #require(simulation.triggerFiredAt[0], "seed \(seed): the trigger never fired")
            #expect(fired == audio + 200_000, "seed \(seed)")
            #expect(simulation.faults.faults == [Fault(name: "cut", startMicros: fired.micros, endMicros: fired.micros,
                                                       kind: .connectionReset)])
            // The reset broke the call's connection and the client came back after it.
            #expect(simulation.laneMachines[0].client.metrics.disconnects >= 1, "seed \(seed)")
            #expect(simulation.observedEvents.contains { $0.event == .reconnect && $0.at >= fired }, "seed \(seed)")
        }
    }

    @Test("The same fault at the fixed time it had on one seed misses the moment on most others")
    func absoluteTimeMissesTheMoment() throws {
        let triggered = try Scenario.parse(Self.incident, fileName: "incident.yaml")
        let firstSeed = Self.seeds[0]
        let (reference, _) = Self.run(triggered, seed: firstSeed)
        let resetAt = try #require(reference.triggerFiredAt[0])
        var absolute = triggered
        absolute.triggeredFaults = []
        absolute.faults = FaultSchedule([Fault(name: "cut", startMicros: resetAt.micros, endMicros: resetAt.micros,
                                               kind: .connectionReset)])
        var misses: [UInt64] = []
        for seed in Self.seeds {
            let (_, secondAudio) = Self.run(absolute, seed: seed)
            let hit = secondAudio.map { resetAt >= $0 && resetAt.micros < $0.micros + Self.momentMicros } ?? false
            if seed == firstSeed { #expect(hit, "the fixed time was taken from seed \(seed): it must hit there") }
            if !hit { misses.append(seed) }
        }
        // The triggered version hits on every seed (the test above); the fixed time on hardly any but its own.
        #expect(misses.count * 4 >= (Self.seeds.count - 1) * 3, "the fixed time hit on too many seeds; missed only \(misses)")
    }

    @Test("An utterance placed after the LLM start speaks while the LLM streams, before any reply plays")
    func utteranceAfterLLMStart() throws {
        let scenario = try Scenario.parse("""
            name: talk-over-llm
            durationMs: 30000
            users:
              - utterances:
                  - {text: "Tell me a short story about a lighthouse keeper.", atMs: 1000}
                  - {text: "Wait, shorter please.", at: {after: llmStart, offsetMs: 100}}
            """, fileName: "talk.yaml")
        for seed in Self.seeds.prefix(4) {
            var simulation = Simulation(scenario: scenario, seed: seed)
            _ = simulation.run()
            let utterances = simulation.users[0].timeline.utterances
            try #require(utterances.count == 2, "seed \(seed)")
            let llmStart = try #require(
                simulation.observedEvents.first { $0.event == .llmStart && $0.at >= utterances[0].end }, "seed \(seed)")
            #expect(utterances[1].start == llmStart.at + 100_000, "seed \(seed)")
            let firstPlay = simulation.observedEvents.first { $0.event == .playbackStart }?.at
            #expect(firstPlay.map { $0 > utterances[1].start } ?? true, "seed \(seed): a reply played first")
        }
    }

    @Test("An occurrence counts only events after the previous utterance; a user filter narrows a fault's events")
    func occurrenceAndUserFilter() throws {
        let scenario = try Scenario.parse("""
            name: two-callers
            durationMs: 30000
            users:
              - id: ann
                utterances:
                  - {text: "What is the weather going to be like there?", atMs: 1000}
                  - {text: "And tomorrow?", at: {after: responseStart, offsetMs: 0, occurrence: 1}}
              - id: bob
                utterances:
                  - {text: "Is there a train that leaves before nine?", atMs: 6000}
            faults:
              - {kind: stall, at: {after: responseStart, user: bob}, durationMs: 300}
            """, fileName: "two.yaml")
        var simulation = Simulation(scenario: scenario, seed: 9)
        _ = simulation.run()
        let bobStarts = simulation.observedEvents.filter { $0.lane == 1 && $0.event == .responseStart }
        let fired = try #require(simulation.triggerFiredAt[0])
        #expect(fired == bobStarts.first?.at)
        let annStarts = simulation.observedEvents.filter { $0.lane == 0 && $0.event == .responseStart }
        let ann = simulation.users[0].timeline.utterances
        try #require(ann.count == 2)
        #expect(ann[1].start == annStarts.first { $0.at >= ann[0].end }?.at)
    }

    @Test("Triggers survive writing the scenario as YAML and parsing it back")
    func yamlRoundTrip() throws {
        let scenario = try Scenario.parse(Self.incident + """

              - {kind: providerOutage, provider: tts, at: {after: graceExpiry, user: "user-1"}, durationMs: 900}
              - {kind: partition, at: {after: reconnect, offsetMs: 50, occurrence: 3}, durationMs: 1200}
            """, fileName: "incident.yaml")
        #expect(scenario.triggeredFaults.count == 3)
        #expect(scenario.triggeredFaults[1].trigger == EventTrigger(after: .graceExpiry, userID: "user-1"))
        #expect(scenario.triggeredFaults[2].fault.durationMicros == 1_200_000)
        #expect(try Scenario.parse(scenario.yaml, fileName: "again.yaml") == scenario)
        var withUtterance = scenario
        withUtterance.users[0].utterances.append(.init("stop", start: .after(EventTrigger(
            after: .playbackStart, offsetMicros: 250_000, occurrence: 2))))
        #expect(try Scenario.parse(withUtterance.yaml, fileName: "again.yaml") == withUtterance)
    }

    @Test("Bad triggers are errors at their paths")
    func badTriggers() throws {
        func reason(_ fault: String) -> (path: String, reason: String)? {
            ScenarioParsingTests.error(ScenarioParsingTests.minimal + "\nfaults:\n  - \(fault)\n").map { ($0.path, $0.reason) }
        }
        let both = reason("{kind: stall, startMs: 100, at: {after: llmStart}, durationMs: 100}")
        #expect(both?.path == "faults[0]" && both?.reason == "expected exactly one of startMs, at")
        let end = reason("{kind: stall, at: {after: llmStart}, endMs: 500}")
        #expect(end?.path == "faults[0].endMs")
        let event = reason("{kind: stall, at: {after: firstTtsAudio}, durationMs: 100}")
        #expect(event?.path == "faults[0].at.after")
        #expect(event?.reason.hasPrefix("expected one of responseStart, llmStart, firstTTSAudio") == true)
        let user = reason("{kind: stall, at: {after: llmStart, user: bob}, durationMs: 100}")
        #expect(user?.path == "faults[0].at.user" && user?.reason.hasPrefix("no user \"bob\"") == true)
        let occurrence = reason("{kind: stall, at: {after: llmStart, occurrence: 0}, durationMs: 100}")
        #expect(occurrence?.path == "faults[0].at.occurrence")
        let utteranceUser = ScenarioParsingTests.error("""
            name: tiny
            durationMs: 10000
            users:
              - utterances:
                  - {text: "hello", at: {after: llmStart, user: x}}
            """)
        #expect(utteranceUser?.path == "users[0].utterances[0].at.user")
    }

    @Test("The report lists each triggered fault with when it fired, or that it never did")
    func reportShowsFirings() throws {
        let never = "\n  - {kind: partition, name: never, at: {after: graceExpiry}, durationMs: 1000}\n"
        let scenario = try Scenario.parse(Self.incident + never, fileName: "incident.yaml")
        var simulation = Simulation(scenario: scenario, seed: 3)
        let result = simulation.run()
        let fired = try #require(simulation.triggerFiredAt[0])
        #expect(simulation.triggerFiredAt[1] == nil)
        #expect(result.faults.count == 1 && result.faults.healedAt == fired)
        #expect(result.text.contains(
            "triggered fault cut: connectionReset after firstTTSAudio#2+200ms for 0ms: fired at \(fired)"))
        #expect(result.text.contains("triggered fault never: partition after graceExpiry#1+0ms for 1000ms: never fired"))
        let json = result.json.rendered(indent: nil)
        #expect(json.contains("\"firedAtMs\":\(formatFixed(Double(fired.micros) / 1_000, decimals: 1))"))
        #expect(json.contains("\"firedAtMs\":null"))
    }
}

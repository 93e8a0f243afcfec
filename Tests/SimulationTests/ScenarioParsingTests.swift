import Foundation
import Testing
import VoiceCore

@testable import VoiceSim

@Suite("Scenario files")
struct ScenarioParsingTests {
    static let minimal = """
        name: tiny
        durationMs: 10000
        users:
          - utterances:
              - text: "hello"
                atMs: 500
        """

    /// The error `text` gives, or a recorded issue.
    static func error(_ text: String, fileName: String = "bad.yaml") -> ScenarioError? {
        do {
            let scenario = try Scenario.parse(text, fileName: fileName)
            Issue.record("expected an error, parsed \(scenario.name)")
            return nil
        } catch {
            return error
        }
    }

    @Test("Every built-in scenario parses, under its own name")
    func builtinsParse() throws {
        let all = BuiltinScenarios.all
        #expect(all.map(\.name) == BuiltinScenarios.names)
        #expect(Set(all.map(\.name)).count == all.count)
        #expect(BuiltinScenarios.names.count == 7)
        for scenario in all {
            #expect(!scenario.description.isEmpty)
            #expect(!scenario.users.isEmpty)
            #expect(try Scenario.load(fileOrBuiltinName: scenario.name) == scenario)
        }
    }

    @Test("Built-ins carry the behaviour they are named for")
    func builtinsContent() throws {
        let v1 = try #require(BuiltinScenarios.named("v1-nominal"))
        let v2 = try #require(BuiltinScenarios.named("v2-nominal"))
        #expect(v1.pipeline == .v1 && v2.pipeline == .v2)
        #expect(v1.users == v2.users)
        let flaky = try #require(BuiltinScenarios.named("v2-flaky-network"))
        let cuts = flaky.faults.faults.filter { $0.kind == .partition }
        #expect(!cuts.isEmpty && cuts.allSatisfy { $0.durationMicros < 5_000_000 })
        #expect(flaky.faults.faults.contains { $0.kind == .connectionReset })
        let bargeIn = try #require(BuiltinScenarios.named("v2-barge-in"))
        let utterances = bargeIn.users[0].utterances
        #expect(utterances.contains { if case .bargeIn = $0.start { true } else { false } })
        #expect(utterances.contains { $0.coughAfterReplyStartsMicros != nil })
        let cold = try #require(BuiltinScenarios.named("v2-cold-start"))
        #expect(cold.server.coldStartMicros >= 2_000_000 && cold.server.coldStartMicros <= 3_000_000)
        let spike = try #require(BuiltinScenarios.named("v2-latency-spike"))
        #expect(spike.faults.faults.contains { if case .latencySpike = $0.kind { true } else { false } })
        #expect(spike.faults.faults.contains { $0.kind == .providerSlow(provider: .llm, extraMicros: 3_000_000) })
        let long = try #require(BuiltinScenarios.named("v2-ten-minute-call"))
        #expect(long.durationMicros == 600_000_000)
        #expect(long.users[0].utterances.count >= 30 && long.users[0].utterances.count <= 40)
        #expect(BuiltinScenarios.named("v3-nothing") == nil)
    }

    @Test("Writing a scenario as YAML and parsing it back gives the same scenario")
    func yamlRoundTrip() throws {
        var scenarios = BuiltinScenarios.all
        var custom = try #require(BuiltinScenarios.named("v2-flaky-network"))
        custom.description = "quotes \" and \\ backslashes\nand lines"
        custom.server = ServerProfile(coldStartMicros: 1_000_000, resumeGraceMicros: 5_000_000)
        custom.providers.stt.wordErrorRate = .ppm(1_234)
        custom.providers.llm.timeToFirstToken = LatencyDistribution(
            meanMicros: 900_000, jitterMicros: 100_000,
            tailRatio: .ppm(10_000), tailMaxMicros: 3_000_000)
        custom.providers.tts.voice.pitchHz = 220
        custom.users[0].coughs = [.init(at: .seconds(3))]
        custom.users[0].voice.noiseAmplitude = 300
        custom.faults.faults += [
            Fault(startMicros: 1_000, endMicros: 2_000, kind: .coldStart(delayMicros: 3_000)),
            Fault(
                name: "slow", startMicros: 4_000, endMicros: 9_000,
                kind: .providerSlow(provider: .tts, extraMicros: 7_000)),
            Fault(startMicros: 9_000, endMicros: 10_000, kind: .providerOutage(provider: .stt)),
            Fault(startMicros: 9_000, endMicros: 10_000, kind: .latencySpike(extraMicros: 5_000)),
        ]
        scenarios.append(custom)
        for scenario in scenarios {
            let text = scenario.yaml
            let parsed = try Scenario.parse(text, fileName: "\(scenario.name).yaml")
            #expect(parsed == scenario, "\(text)")
        }
    }

    @Test("A minimal file gets the calibrated defaults")
    func defaults() throws {
        let scenario = try Scenario.parse(Self.minimal, fileName: "tiny.yaml")
        #expect(scenario.pipeline == .v2)
        #expect(scenario.seed == 0x5EED)
        #expect(scenario.durationMicros == 10_000_000)
        #expect(scenario.users[0].id == "user-1")
        #expect(scenario.users[0].utterances == [.init("hello", start: .at(.millis(500)))])
        #expect(scenario.network == NetworkProfile())
        #expect(scenario.providers == ProviderProfiles())
        #expect(scenario.server == ServerProfile())
        #expect(scenario.faults.isEmpty)
    }

    @Test("JSON and YAML spellings of one scenario parse to the same value")
    func jsonMatchesYAML() throws {
        let yaml = """
            name: both
            seed: "0xfeed"
            durationMs: 20000
            pipeline: v1
            network:
              up: {baseLatencyMs: 40, jitter: {kind: longTail, meanMs: 10, tailPpm: 5000, tailMaxMs: 300}, lossPpm: 100}
              down: {baseLatencyMs: 40, jitter: none, bandwidthBytesPerSecond: 100000}
            providers:
              llm: {timeToFirstToken: {meanMs: 700, jitterMs: 100}, replyWordsMin: 5, replyWordsMax: 9}
              stt: {wordErrorPpm: 0}
            users:
              - id: a
                coughsAtMs: [3000]
                utterances:
                  - {text: "one two", atMs: 100}
                  - {text: "three", afterReplyMs: 500, coughAfterReplyStartsMs: 700}
            faults:
              - {kind: providerOutage, provider: tts, startMs: 1000, durationMs: 500}
              - {kind: connectionReset, startMs: 4000, name: boom}
            """
        let json = """
            {"name": "both", "seed": "0xfeed", "durationMs": 20000, "pipeline": "v1",
             "network": {"up": {"baseLatencyMs": 40,
                                "jitter": {"kind": "longTail", "meanMs": 10, "tailPpm": 5000, "tailMaxMs": 300},
                                "lossPpm": 100},
                         "down": {"baseLatencyMs": 40, "jitter": "none", "bandwidthBytesPerSecond": 100000}},
             "providers": {"llm": {"timeToFirstToken": {"meanMs": 700, "jitterMs": 100},
                                   "replyWordsMin": 5, "replyWordsMax": 9},
                           "stt": {"wordErrorPpm": 0}},
             "users": [{"id": "a", "coughsAtMs": [3000],
                        "utterances": [{"text": "one two", "atMs": 100},
                                       {"text": "three", "afterReplyMs": 500, "coughAfterReplyStartsMs": 700}]}],
             "faults": [{"kind": "providerOutage", "provider": "tts", "startMs": 1000, "durationMs": 500},
                        {"kind": "connectionReset", "startMs": 4000, "name": "boom"}]}
            """
        let fromYAML = try Scenario.parse(yaml, fileName: "s.yaml")
        let fromJSON = try Scenario.parse(json, fileName: "s.json")
        #expect(fromYAML == fromJSON)
        #expect(fromYAML.seed == 0xFEED)
        #expect(
            fromYAML.network.up.jitter == .longTail(meanMicros: 10_000, tailRatio: .ppm(5_000), tailMaxMicros: 300_000))
        #expect(
            fromYAML.providers.llm.timeToFirstToken == LatencyDistribution(meanMicros: 700_000, jitterMicros: 100_000))
        #expect(
            fromYAML.faults.faults[1]
                == Fault(
                    name: "boom", startMicros: 4_000_000, endMicros: 4_000_000,
                    kind: .connectionReset))
        #expect(try Scenario.parse(json, fileName: "no-extension") == fromJSON)
    }

    @Test("A value of the wrong type names its path and what was expected")
    func wrongType() {
        let text = Self.minimal.replacingOccurrences(of: "durationMs: 10000", with: "durationMs: abc")
        let error = Self.error(text)
        #expect(error?.path == "durationMs")
        #expect(error?.reason == "expected a positive integer (milliseconds), found \"abc\"")
        #expect(error?.file == "bad.yaml")
        #expect(error?.line == 2)
        #expect(
            error?.description == "bad.yaml:2: durationMs: expected a positive integer (milliseconds), found \"abc\"")

        let text2 = Self.minimal.replacingOccurrences(of: "text: \"hello\"", with: "text: 42")
        #expect(Self.error(text2)?.path == "users[0].utterances[0].text")
        #expect(Self.error(text2)?.reason == "expected a non-empty string, found 42")
    }

    @Test("A missing field is reported at its full path")
    func missingField() {
        let text = """
            name: m
            durationMs: 1000
            users:
              - utterances:
                  - {text: "a", atMs: 1}
              - utterances:
                  - {text: "b", atMs: 1}
              - utterances:
                  - {atMs: 5}
            """
        let error = Self.error(text)
        #expect(error?.path == "users[2].utterances[0].text")
        #expect(error?.reason == "missing required field")
        #expect(Self.error("name: x\nusers: []\n")?.path == "durationMs")
    }

    @Test("An unknown field is an error, with a suggestion for a near miss")
    func unknownField() {
        let text = Self.minimal + "\nnetwork:\n  up:\n    baseLatencyMS: 20\n"
        let error = Self.error(text)
        #expect(error?.path == "network.up.baseLatencyMS")
        #expect(error?.reason.hasPrefix("unknown field \"baseLatencyMS\" (did you mean \"baseLatencyMs\"?)") == true)
        let json =
            #"{"name": "j", "durationMs": 5, "users": [{"utterances": [{"text": "x", "atMs": 0}]}], "fautls": []}"#
        let jsonError = Self.error(json, fileName: "bad.json")
        #expect(jsonError?.path == "fautls")
        #expect(jsonError?.line == 1)
        let resetWithEnd = Self.minimal + "\nfaults:\n  - {kind: connectionReset, startMs: 5, endMs: 9}\n"
        #expect(Self.error(resetWithEnd)?.path == "faults[0].endMs")
    }

    @Test("Negative durations and impossible values are rejected at their paths")
    func badValues() {
        let negative =
            Self.minimal + """

                faults:
                  - {kind: stall, startMs: 100, durationMs: 50}
                  - {kind: partition, startMs: -5, endMs: 100}
                """
        let error = Self.error(negative)
        #expect(error?.path == "faults[1].startMs")
        #expect(error?.reason == "expected a non-negative integer (milliseconds), found -5")

        let reversed = Self.minimal + "\nfaults:\n  - {kind: partition, startMs: 500, endMs: 100}\n"
        #expect(Self.error(reversed)?.path == "faults[0].endMs")
        let ppm = Self.minimal + "\nnetwork: {down: {lossPpm: 2000000}}\n"
        #expect(Self.error(ppm)?.path == "network.down.lossPpm")
        let kind = Self.minimal + "\nfaults:\n  - {kind: meteor, startMs: 1}\n"
        #expect(
            Self.error(kind)?.reason == "expected one of partition, connectionReset, stall, latencySpike, loss, "
                + "coldStart, providerOutage, providerSlow, duplicate, reorder, lateDelivery, duplicateDown, reorderDown, "
                + "lateDeliveryDown, found \"meteor\"")
        let twoStarts = Self.minimal.replacingOccurrences(
            of: "atMs: 500", with: "atMs: 500\n        afterPreviousMs: 3")
        #expect(Self.error(twoStarts)?.path == "users[0].utterances[0]")
        let waitsFirst = Self.minimal.replacingOccurrences(of: "atMs: 500", with: "afterReplyMs: 500")
        #expect(Self.error(waitsFirst)?.path == "users[0].utterances[0]")
        let jitter = Self.minimal + "\nproviders: {tts: {firstAudio: {meanMs: 100, jitterMs: 200}}}\n"
        #expect(Self.error(jitter)?.path == "providers.tts.firstAudio.jitterMs")
        let rates = Self.minimal + "\nproviders: {llm: {tokensPerSecondMin: 50, tokensPerSecondMax: 10}}\n"
        #expect(Self.error(rates)?.path == "providers.llm.tokensPerSecondMax")
    }

    @Test("Broken syntax and missing files are errors about the whole file")
    func fileLevelErrors() throws {
        let yaml = Self.error("name: [unclosed\ndurationMs: 1\n")
        #expect(yaml?.path == "")
        #expect(yaml?.reason.hasPrefix("invalid YAML") == true)
        let json = Self.error("{\"name\": \"x\",\n \"durationMs\": }", fileName: "x.json")
        #expect(json?.reason.hasPrefix("invalid JSON") == true)
        #expect(json?.line == 2)
        #expect(throws: ScenarioError.self) { try Scenario.load(fileOrBuiltinName: "/nonexistent/nothing.yaml") }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "voicesim-\(ProcessInfo.processInfo.globallyUniqueString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("tiny.yml")
        try Self.minimal.write(to: file, atomically: true, encoding: .utf8)
        #expect(try Scenario.load(fileOrBuiltinName: file.path).name == "tiny")
    }
}

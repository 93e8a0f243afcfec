import Testing
import VoiceCore

@testable import VoiceSim

@Suite("Network, server, user and cough field tables")
struct ScenarioFieldTableTests {
    static let everyField = """
        name: all-scenario-fields
        durationMs: 60000
        server: {coldStartMs: 700, resumeGraceMs: 4000, dailyCallsMax: 3}
        network:
          up: {baseLatencyMs: 45, jitter: {kind: uniform, maxMs: 7}, bandwidthBytesPerSecond: 90000, lossPpm: 250,
               retransmitMs: 300}
          down: {jitter: none}
        providers:
          stt: {openLatency: {meanMs: 90, jitterMs: 10, tailPpm: 40, tailMaxMs: 800}}
        users:
          - id: "caller"
            wordsPerMinute: 170
            pitchHz: 210
            noiseAmplitude: 90
            replyTimeoutMs: 9000
            calls: 2
            callEveryMs: 20000
            callMs: 15000
            coughs: [{atMs: 1500, durationMs: 700}]
            utterances:
              - {text: "hello", atMs: 500}
          - id: "other"
            coughsAtMs: [2500, 3500]
            utterances:
              - {text: "hi", atMs: 900}
        """

    @Test("Every field of the network, server, user, cough and latency tables is read and written back under its name")
    func everyFieldRoundTrips() throws {
        let scenario = try Scenario.parse(Self.everyField, fileName: "all.yaml")
        #expect(scenario.server == ServerProfile(coldStartMicros: 700_000, resumeGraceMicros: 4_000_000, dailyCallsMax: 3))
        #expect(scenario.network.up == LinkProfile(
            baseLatencyMicros: 45_000, jitter: .uniform(maxMicros: 7_000), bandwidthBytesPerSecond: 90_000,
            loss: .ppm(250), retransmitMicros: 300_000))
        var down = LinkProfile.broadband
        down.jitter = .none
        #expect(scenario.network.down == down)
        #expect(scenario.providers.stt.openLatency == LatencyDistribution(
            meanMicros: 90_000, jitterMicros: 10_000, tailRatio: .ppm(40), tailMaxMicros: 800_000))
        let caller = scenario.users[0]
        #expect(caller.id == "caller" && caller.wordsPerMinute == 170 && caller.voice.pitchHz == 210)
        #expect(caller.voice.noiseAmplitude == 90 && caller.replyTimeoutMicros == 9_000_000)
        #expect(caller.calls == 2 && caller.callEveryMicros == 20_000_000 && caller.callMicros == 15_000_000)
        #expect(caller.coughs == [UserScript.Cough(at: Instant(micros: 1_500_000), durationMicros: 700_000)])
        #expect(scenario.users[1].coughs.map(\.at.micros) == [2_500_000, 3_500_000])

        let yaml = scenario.yaml
        let tables = [
            NetworkProfile.scenarioFields.map(\.name), LinkProfile.scenarioFields.map(\.name),
            ServerProfile.scenarioFields.map(\.name), UserScript.scenarioFields.map(\.name),
            UserScript.Cough.scenarioFields.map(\.name), LatencyDistribution.scenarioFields.map(\.name),
        ]
        for name in tables.joined() {
            #expect(yaml.contains(" \(name): ") || yaml.contains("{\(name): "), "\(name) not written")
        }
        #expect(try Scenario.parse(yaml, fileName: "again.yaml") == scenario)
        for table in tables { #expect(Set(table).count == table.count) }
    }

    @Test("A field a table marks required is an error when missing; a field no table has is unknown")
    func requiredAndUnknown() {
        let noMean = ScenarioParsingTests.error(
            ScenarioParsingTests.minimal + "\nproviders: {stt: {openLatency: {jitterMs: 5}}}\n")
        #expect(noMean?.path == "providers.stt.openLatency.meanMs")
        #expect(noMean?.reason == "missing required field")
        let noAt = ScenarioParsingTests.error("""
            name: x
            durationMs: 10000
            users:
              - coughs: [{durationMs: 500}]
                utterances: [{text: "hi", atMs: 100}]
            """)
        #expect(noAt?.path == "users[0].coughs[0].atMs")
        #expect(noAt?.reason == "missing required field")
        let unknown = ScenarioParsingTests.error(ScenarioParsingTests.minimal + "\nserver: {resumeGraceMS: 5}\n")
        #expect(unknown?.path == "server.resumeGraceMS")
        #expect(unknown?.reason == "unknown field \"resumeGraceMS\" (did you mean \"resumeGraceMs\"?); "
            + "valid fields here: coldStartMs, resumeGraceMs, dailyCallsMax")
    }

    @Test("A default server and network are left out; a changed one writes its always-written fields")
    func defaultsLeftOut() throws {
        var scenario = try Scenario.parse(ScenarioParsingTests.minimal, fileName: "min.yaml")
        #expect(!scenario.yaml.contains("server:") && !scenario.yaml.contains("network:"))
        scenario.server.dailyCallsMax = 7
        scenario.network.down.loss = .ppm(3)
        let yaml = scenario.yaml
        #expect(yaml.contains("server: {coldStartMs: 0, resumeGraceMs: 30000, dailyCallsMax: 7}\n"))
        #expect(yaml.contains("  up: {baseLatencyMs: 30, jitter: {kind: uniform, maxMs: 10}, bandwidthBytesPerSecond: 0, "
            + "retransmitMs: 200}\n"))
        #expect(yaml.contains("lossPpm: 3, retransmitMs: 200}\n"))
        #expect(try Scenario.parse(yaml, fileName: "again.yaml") == scenario)
    }
}

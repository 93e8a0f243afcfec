import Foundation
import Recorder
import TestSupport
import Testing
import VoiceSim
import VoiceSimTesting

/// The project's own golden set, run the way a user runs it.
@Suite("The golden set")
struct GoldenSetTests {
    @Test(
        "voicesim regress passes the whole golden set and reports the counts as JSON",
        .enabled(if: voicesimBinary() != nil, "voicesim is not built next to the tests (swift build --build-tests)"))
    func commandLine() throws {
        let binary = try #require(voicesimBinary())
        let goldens = try GoldenCase.discover([GoldenFixtures.goldenDirectory])
        let run = try runVoicesim(binary, ["regress", "traces/golden", "--json"])
        #expect(run.status == 0, "\(run.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(json["passed"] as? Int == goldens.count)
        #expect(json["failed"] as? Int == 0)
        #expect(json["stale"] as? Int == 0)
    }

    @Test(
        "voicesim regress exits 1 on a divergence, 2 on a damaged trace, and writes JUnit XML",
        .enabled(if: voicesimBinary() != nil, "voicesim is not built next to the tests (swift build --build-tests)"))
    func exitCodesAndJUnit() throws {
        let binary = try #require(voicesimBinary())
        let directory = try GoldenFixtures.copy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Swap two goldens' recordings: each now replays another scenario's session.
        let a = directory + "/cough-no-interrupt.sqlite"
        let b = directory + "/v2-barge-in.sqlite"
        try FileManager.default.moveItem(atPath: a, toPath: a + ".tmp")
        try FileManager.default.moveItem(atPath: b, toPath: a)
        try FileManager.default.moveItem(atPath: a + ".tmp", toPath: b)
        let junit = directory + "/report.xml"
        let swapped = try runVoicesim(binary, ["regress", directory, "--junit", junit])
        #expect(swapped.status == 1, "\(swapped.output)")
        #expect(swapped.output.contains("stale  cough-no-interrupt"), "\(swapped.output)")
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<testcase classname=\"golden.v2-barge-in\" name=\"exactly 1 interruption\""))
        #expect(xml.contains("<failure message=\"stale: "))

        try Data("not a trace".utf8).write(to: URL(fileURLWithPath: a))
        let damaged = try runVoicesim(binary, ["regress", directory + "/cough-no-interrupt.expect.yaml"])
        #expect(damaged.status == 2, "\(damaged.output)")
        #expect(damaged.output.contains("broken  cough-no-interrupt"))
    }

    @Test("At least ten goldens, each with a description, expectations and a scenario file unless recorded live; all pass")
    func everyGoldenComplete() throws {
        let goldens = try GoldenCase.discover([GoldenFixtures.goldenDirectory])
        #expect(goldens.count >= 10)
        for golden in goldens {
            #expect(!golden.description.isEmpty && !golden.expectations.isEmpty, "\(golden.name)")
            guard let scenarioPath = golden.scenarioPath else {
                let origins = try TraceReader(path: golden.tracePath).sessions().map(\.header.origin)
                #expect(origins == [.live], "\(golden.name) has no scenario file and is not a live recording")
                continue
            }
            let scenario = try Scenario.load(file: scenarioPath)
            #expect(scenario.name == golden.name, "the scenario of \(golden.name) is named \(scenario.name)")
        }
        #expect(goldens.contains { $0.scenarioPath == nil }, "no live golden")
        // The built-ins the suite covers are printed from them, and say so.
        let fromBuiltins = goldens.compactMap(\.builtin).sorted()
        #expect(fromBuiltins == ["v1-nominal", "v2-barge-in", "v2-cold-start", "v2-flaky-network", "v2-latency-spike"])
        try GoldenSuite.expectAllPass(GoldenFixtures.goldenDirectory)
    }

    @Test("A scenario file edited after recording makes its golden stale, with what differs; --update re-records it")
    func staleScenario() throws {
        let directory = try GoldenFixtures.copy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/cough-no-interrupt.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "coughAfterReplyStartsMs: 2500", with: "coughAfterReplyStartsMs: 3000")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let stale = try GoldenSuite.run([directory + "/cough-no-interrupt.expect.yaml"])
        let golden = try #require(stale.golden("cough-no-interrupt"))
        #expect(golden.status == .stale && stale.exitCode == 1)
        #expect(golden.drift.contains { $0.contains("file") && $0.contains("coughAfterReplyStartsMs: 3000") }, "\(golden.drift)")
        #expect(golden.drift.contains { $0.contains("recorded") && $0.contains("coughAfterReplyStartsMs: 2500") })
        let updated = try GoldenSuite.run([directory + "/cough-no-interrupt.expect.yaml"], update: true)
        #expect(updated.passed == 1, "\(updated.text)")
    }

    @Test("A scenario file that drifted from its built-in is stale, even when the trace matches the file")
    func staleAgainstBuiltin() throws {
        let directory = try GoldenFixtures.copy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // What happened to v2-barge-in.yaml once: the built-in gained a reply timeout, the file did not.
        let path = directory + "/v2-barge-in.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "    replyTimeoutMs: 45000\n", with: "")
        #expect(edited != text)
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try GoldenSuite.run([directory + "/v2-barge-in.expect.yaml"], update: true)
        let golden = try #require(report.golden("v2-barge-in"))
        #expect(golden.status == .stale, "\(golden.text)")
        #expect(golden.drift.first?.contains("differs from the built-in v2-barge-in") == true, "\(golden.drift)")
        #expect(golden.drift.contains { $0.contains("built-in") && $0.contains("replyTimeoutMs: 45000") })
    }
}

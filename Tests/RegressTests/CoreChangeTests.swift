import Foundation
import Recorder
import Testing
import VoiceCore
import VoiceSim
import VoiceSimTesting

/// The point of the suite: change a copy of the core's configuration, and exactly the goldens
/// that exercise it fail, each naming the expectation that moved; `--update` accepts the change;
/// the other goldens stay green and untouched. A change that breaks a guard is refused.
@Suite("Goldens under a changed core")
struct CoreChangeTests {
    /// The facts of every golden of the repository, as recorded.
    static func recordedFacts() throws -> [String: SessionFacts] {
        var facts: [String: SessionFacts] = [:]
        for golden in try GoldenCase.discover([GoldenFixtures.goldenDirectory]) {
            facts[golden.name] = try SessionFacts.load(try TraceReader(path: golden.tracePath), session: nil)
        }
        return facts
    }

    /// Judges a copy of the golden set under `change`, checks that the failing goldens are all
    /// of `expectedFailing` and at most those and `mayAlsoFail`, and that each names
    /// `expectation` where it pins it, then updates and checks that everything passes and the
    /// passing goldens' files were left as they were.
    func expectChangeCaught(
        _ change: CoreChange, failing expectedFailing: Set<String>, mayAlsoFail: Set<String> = [], naming expectation: String
    ) throws {
        let directory = try GoldenFixtures.copy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try GoldenFixtures.snapshot(directory)

        let first = try GoldenSuite.run([directory], core: change)
        let failing = Set(first.goldens.filter { $0.status != .passed }.map(\.name))
        // A golden whose every action stayed the same but whose machine state moved (the
        // changed constant lives in that state) may fail too: the checkpoints notice it.
        let stateOnly = Set(first.goldens.filter { $0.divergence?.contains("the actions matched") == true }.map(\.name))
        #expect(failing.isSuperset(of: expectedFailing)
                    && failing.isSubset(of: expectedFailing.union(mayAlsoFail).union(stateOnly)),
                "\(first.text)")
        #expect(first.stale == 0 && first.broken == 0)
        for name in failing {
            let report = try #require(first.golden(name))
            #expect(report.status == .failed)
            #expect(report.text.contains("first divergence:") && report.text.contains("divergence in session 1"),
                    "\(report.text)")
            let pinned = report.expectations.filter { $0.sentence.contains(expectation) }
            for result in pinned where !result.passed {
                #expect(report.text.contains("✗ \(result.sentence): "), "\(report.text)")
            }
        }
        #expect(first.goldens.contains { golden in golden.expectations.contains { !$0.passed && $0.sentence.contains(expectation) } },
                "no golden named '\(expectation)'")

        let updated = try GoldenSuite.run([directory], core: change, update: true)
        #expect(updated.passed == updated.goldens.count, "\(updated.text)")
        #expect(Set(updated.goldens.filter { $0.update != nil }.map(\.name)) == failing)
        for name in failing {
            let summary = try #require(updated.golden(name)?.update)
            // A golden whose actions all stayed the same but whose machine state moved (its
            // checkpoints diverge) is re-recorded event for event alike.
            let readable = summary.contains("turns (voice-to-voice, ms):")
                || summary.contains("the recording is the same event for event")
            #expect(summary.contains("re-recorded with \(change.name)") && readable, "\(name): \(summary)")
        }

        let again = try GoldenSuite.run([directory], core: change)
        #expect(again.passed == again.goldens.count, "\(again.text)")
        let after = try GoldenFixtures.snapshot(directory)
        for golden in first.goldens where !failing.contains(golden.name) {
            #expect(after[golden.name + ".sqlite"] == before[golden.name + ".sqlite"], "\(golden.name) trace rewritten")
            #expect(after[golden.name + ".expect.yaml"] == before[golden.name + ".expect.yaml"])
        }
        for name in failing {
            #expect(after[name + ".sqlite"] != before[name + ".sqlite"], "\(name) trace not re-recorded")
        }
        // Back on the unchanged core, the re-recorded goldens are the ones that differ.
        let reverted = try GoldenSuite.run([directory])
        #expect(Set(reverted.goldens.filter { $0.status != .passed }.map(\.name)) == failing, "\(reverted.text)")
    }

    @Test("A longer minimum speech before barge-in fails the goldens with a barge-in over audible speech, and only goldens with an interruption")
    func bargeInThreshold() throws {
        // The goldens where the user started speaking over a reply that was playing: their
        // barge-in stop can be measured on the recording.
        let facts = try Self.recordedFacts()
        let bargeIns = Set(facts.filter { GoldenExpectation.bargeInStop(.atMost(.max)).check($0.value, sentence: "").passed }.keys)
        #expect(bargeIns.isSuperset(of: ["v2-barge-in", "barge-in-first-frame"]), "\(bargeIns)")
        #expect(!bargeIns.contains("cough-no-interrupt"))
        // Fault-heavy goldens (the fuzzer's) also interrupt replies where that measure pairs no
        // utterance with an audible reply (e.g. 0x4c8b): they may fail too; goldens without any
        // interruption may not.
        let interrupted = Set(facts.filter { !GoldenExpectation.interruptions(.exactly(0)).check($0.value, sentence: "").passed }.keys)
        #expect(interrupted.isSuperset(of: bargeIns) && !interrupted.contains("cough-no-interrupt"), "\(interrupted)")
        let stricter = CoreChange("barge-in after 280 ms of speech") { $0.client.vad.speechFramesMin = 14 }
        try expectChangeCaught(stricter, failing: bargeIns, mayAlsoFail: interrupted, naming: "barge-in stops playback after")
    }

    /// The most reconnect attempts the client made before a welcome (each sets the backoff timer).
    static func attemptsMax(_ facts: SessionFacts) -> Int {
        var current = 0
        var most = 0
        for event in facts.events {
            if case .client(_, .received(.welcome)) = event.input { current = 0 }
            guard case .client(let actions) = event.output else { continue }
            for case .setTimer(.reconnectBackoff, _) in actions {
                current += 1
                most = max(most, current)
            }
        }
        return most
    }

    @Test("A lower backoff cap fails exactly the goldens whose reconnects drew a delay above it")
    func backoffConstants() throws {
        let capMicros: Int64 = 3_000_000
        let policy = BackoffPolicy()
        #expect(policy.capMicros > capMicros)
        // Attempt n draws its delay below ceiling(n); only attempts whose ceiling exceeds the new
        // cap can behave differently.
        let facts = try Self.recordedFacts()
        let reachedCap = Set(facts.filter { _, facts in
            let attempts = Self.attemptsMax(facts)
            return attempts >= 1 && (1...attempts).contains { policy.ceilingMicros(attempt: $0) > capMicros }
        }.keys)
        #expect(reachedCap.contains("outage-over-5s") && !reachedCap.contains("reconnect-mid-utterance"), "\(reachedCap)")
        let capped = CoreChange("backoff cap 3 s") { $0.client.backoff.capMicros = capMicros }
        try expectChangeCaught(capped, failing: reachedCap, naming: "of mic audio lost")
    }

    @Test("A change that breaks a guard is refused by --update: the golden keeps failing and its files stay")
    func guardRefusesUpdate() throws {
        let directory = try GoldenFixtures.copy()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let before = try GoldenFixtures.snapshot(directory)
        // Waiting a second or more between attempts outlasts the 5 s replay buffer in the 4.5 s partition.
        let slow = CoreChange("backoff base 1 s") { $0.client.backoff.baseMicros = 1_000_000 }
        let report = try GoldenSuite.run([directory + "/v2-flaky-network.expect.yaml"], core: slow, update: true)
        let golden = try #require(report.golden("v2-flaky-network"))
        #expect(golden.status == .failed && golden.update == nil)
        #expect(golden.problem?.hasPrefix("not updated: the new behaviour breaks") == true, "\(golden.text)")
        let lost = try #require(golden.expectations.first { $0.sentence == "no mic audio lost" })
        #expect(!lost.passed && lost.found.contains("never reached the server"), "\(lost)")
        #expect(try GoldenFixtures.snapshot(directory) == before)
    }
}

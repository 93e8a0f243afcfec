import Foundation
import Recorder

extension RegressionRunner {
    /// Re-records a golden that did not pass and re-pins its pins, then judges it again.
    /// Refuses when the new behaviour breaks a guard: that is what guards are for.
    func updated(_ golden: GoldenCase, _ judgement: Judgement) -> GoldenReport {
        var report = judgement.report
        guard let scenario = judgement.scenario else {
            report.problem = "not updated: no scenario to record"
            return report
        }
        let candidate: Candidate
        do {
            candidate = try judgement.candidate ?? record(scenario, name: golden.name)
        } catch {
            report.problem = "not updated: \(error)"
            return report
        }
        defer { candidate.remove() }
        let results = golden.expectations.map { $0.expectation.check(candidate.facts, sentence: $0.sentence) }
        let brokenGuards = results.filter { !$0.passed && !$0.expectation.isPin }
        let unmeasured = results.filter { $0.expectation.isPin && $0.measured == nil }
        guard brokenGuards.isEmpty && unmeasured.isEmpty else {
            report.expectations = results
            report.judgedOnRerun = true
            report.status = .failed
            report.problem = "not updated: the new behaviour breaks \(brokenGuards.count + unmeasured.count) "
                + "guarded expectation(s); if that is intended, change them in \(golden.expectPath ?? golden.name)"
            return report
        }
        var replacements: [(old: String, new: String)] = []
        for (written, result) in zip(golden.expectations, results) where written.expectation.isPin {
            let repinned = written.expectation.repinned(to: result.measured!)
            replacements.append((written.sentence, repinned.pinSentence ?? written.sentence))
        }
        let summary = changeSummary(golden, candidate: candidate, replacements: replacements, stale: report.drift)
        do {
            if let expectPath = golden.expectPath { try GoldenFiles.rewriteSentences(in: expectPath, replacements) }
            try GoldenFiles.replaceTrace(golden.tracePath, with: candidate.path)
        } catch {
            report.problem = "not updated: cannot write the golden: \(error.localizedDescription)"
            return report
        }
        var rewritten = golden
        for index in rewritten.expectations.indices {
            let written = rewritten.expectations[index]
            guard let new = replacements.first(where: { $0.old == written.sentence })?.new,
                let expectation = GoldenExpectation(sentence: new)
            else { continue }
            rewritten.expectations[index] = GoldenCase.Written(sentence: new, expectation: expectation)
        }
        var after = judge(rewritten)
        after.candidate?.remove()
        after.report.update = summary
        return after.report
    }

    /// What re-recording changed: stale sources, the pins, then `voicesim diff` of the old and
    /// new recordings (first divergence in context, per-turn voice to voice, interruptions,
    /// reconnects, errors, cost).
    private func changeSummary(
        _ golden: GoldenCase, candidate: Candidate, replacements: [(old: String, new: String)], stale: [String]
    ) -> String {
        var lines = ["updated \(golden.name): re-recorded with \(core.name)"]
        if !stale.isEmpty { lines.append("  from the current scenario source (\(stale.count) drift lines above)") }
        for (old, new) in replacements where old != new { lines.append("  pin: \(old)  →  \(new)") }
        if let old = try? TraceReader(path: golden.tracePath),
            let before = try? TraceDiff.Side.load(old, session: nil, label: "golden"),
            let newReader = try? TraceReader(path: candidate.path),
            let after = try? TraceDiff.Side.load(newReader, session: nil, label: "re-recorded")
        {
            let diff = TraceDiff(a: before, b: after)
            lines += diff.isEmpty ? ["  the recording is the same event for event"]
                : diff.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        } else {
            lines.append("  new recording (no readable previous one)")
        }
        return lines.joined(separator: "\n")
    }
}

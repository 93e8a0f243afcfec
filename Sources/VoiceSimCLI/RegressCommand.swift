import ArgumentParser
import CLISupport
import Foundation
import VoiceSim

struct RegressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Replay golden sessions bit for bit and check the behavioural expectations beside each.",
        discussion: """
            Each golden is NAME.sqlite (one recorded session) with NAME.expect.yaml beside it: a description, \
            the scenario file it came from (and the built-in that file was printed from), and expectations \
            written as sentences. A golden passes when it replays identically, its scenario still matches its \
            source (else it is stale, with what differs), and every expectation holds. --update re-records \
            goldens that did not pass, re-measures their pins (sentences with ±) and prints what changed; it \
            refuses a golden whose new behaviour breaks a guard (any other sentence). GoldenExpectation sentences:
              \(GoldenExpectation.sentenceExamples.joined(separator: "\n  "))
            Exit 0 when every golden passes, 1 on a divergence, a failed expectation or a stale golden, \
            2 on a bad trace or expectations file.
            """
    )

    @Argument(help: "Golden directories (every *.expect.yaml in them), expectation files or traces (default: traces/golden).")
    var paths: [String] = []

    @Flag(help: "Re-record goldens that did not pass and re-pin their measurements; guards still apply.")
    var update = false

    @Flag(help: "Print one JSON object (passed, failed, stale, broken, updated, goldens) instead of the report.")
    var json = false

    @Option(help: "Also write JUnit XML for CI systems to this file.")
    var junit: String?

    func run() throws {
        let report: RegressionReport
        do {
            report = try RegressionRunner(update: update).run(paths.isEmpty ? ["traces/golden"] : paths)
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
        if let junit { try FileHandleLite.writeFile(report.junitXML, to: junit) }
        print(json ? report.json.rendered() : report.text)
        if report.exitCode != 0 { throw VoiceSimExit.entry(report.exitCode) }
    }
}

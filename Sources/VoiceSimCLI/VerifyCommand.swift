import ArgumentParser
import CLISupport
import Recorder
import VoiceSim

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a trace file completely without replaying it, like fsck.",
        discussion: """
            Runs SQLite's integrity_check, compares the schema with this version's, and checks every row's \
            checksum and count, every chunk and payload (inflated), every record (decoded) and every stored \
            audio sample (against the summary its records hold), in every session. Read-only.

            Exit 0 when the file is sound, 2 when anything is damaged (each problem is printed with its \
            table, row and what is wrong) or the file is not a readable trace.
            """
    )

    @Argument(help: "The SQLite trace file.")
    var trace: String

    @Flag(help: "Print one JSON object instead of the readable report.")
    var json = false

    func run() throws {
        let report: TraceVerifier.Report
        do {
            report = try TraceVerifier.verify(path: trace)
        } catch {
            if json {
                print(
                    JSONValue.object([
                        ("trace", .string(trace)), ("sound", .bool(false)), ("exitCode", .int(2)),
                        ("problems", .array([.string(error.description)])),
                    ]).rendered())
            } else {
                printError("error: \(sanitizedForTerminal(error.description))")
            }
            throw VoiceSimExit.badInput
        }
        if json {
            print(report.json.rendered())
        } else {
            print(report.text)
        }
        if !report.isSound { throw VoiceSimExit.badInput }
    }
}

extension TraceVerifier.Report {
    var text: String {
        let counts =
            "\(sessions) session\(sessions == 1 ? "" : "s"), \(chunks) chunks, \(events) events, "
            + "\(audioEntries) audio entries, \(marks) marks, \(checkpoints) checkpoints"
        guard !isSound else { return "\(sanitizedForTerminal(path)): sound: \(counts)" }
        return (["\(sanitizedForTerminal(path)): DAMAGED (\(problems.count) problem\(problems.count == 1 ? "" : "s"))"]
            + problems.map { "  " + sanitizedForTerminal($0.description) } + ["checked: \(counts)"])
            .joined(separator: "\n")
    }

    var json: JSONValue {
        .object([
            ("trace", .string(path)), ("sound", .bool(isSound)), ("exitCode", .int(isSound ? 0 : 2)),
            ("sessions", .int(Int64(sessions))), ("chunks", .int(chunks)), ("events", .int(events)),
            ("audioEntries", .int(audioEntries)), ("marks", .int(marks)), ("checkpoints", .int(checkpoints)),
            ("problems", .array(problems.map { .string($0.description) })),
        ])
    }
}

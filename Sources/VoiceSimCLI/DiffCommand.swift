import ArgumentParser
import CLISupport
import Recorder
import VoiceSim

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two recorded sessions, or a session with the current core's replay of it.",
        discussion: """
            Aligns the event streams lane by lane and shows the first divergence in context (- first side, \
            + second), then per-turn voice-to-voice latency, interruptions, reconnects, errors and cost. \
            Forms: `diff A B` (one session each, --session/--other-session pick them), `diff A --session 1 \
            --other-session 2` (two sessions of one file), `diff A --replay` (the recording against what the \
            current code does with the same inputs). Prints nothing when they are the same.
            Exit 0 when the same, 1 when they differ, 2 on a bad trace or session.
            """
    )

    @Argument(help: "The first trace file.")
    var first: String

    @Argument(help: "The second trace file (default: the first).")
    var second: String?

    @Option(help: "The session of the first trace.")
    var session: Int64?

    @Option(name: .customLong("other-session"), help: "The session of the second trace.")
    var otherSession: Int64?

    @Flag(help: "Compare the first trace with the current core's replay of it.")
    var replay = false

    func validate() throws {
        if replay && (second != nil || otherSession != nil) {
            throw ValidationError("--replay compares one session with its replay: give one trace and no --other-session.")
        }
        if !replay && second == nil && otherSession == nil {
            throw ValidationError("give a second trace, --other-session, or --replay.")
        }
    }

    func run() throws {
        let left = try TraceOptions.open(first)
        let right = try second.map(TraceOptions.open) ?? left
        let progress = ProgressBar("diff")
        progress.update(0, of: 2)
        let diff = try orBadInput { () throws(DebugError) in
            let a = try TraceDiff.Side.load(left, session: session, label: Self.label(first, session))
            progress.update(1, of: 2)
            let b = replay
                ? a.replayed(label: "replay by the current core")
                : try TraceDiff.Side.load(right, session: otherSession ?? (second == nil ? nil : session),
                                          label: Self.label(second ?? first, otherSession))
            return TraceDiff(a: a, b: b)
        }
        progress.finish()
        if !diff.isEmpty {
            print(sanitizedForTerminal(diff.text, keepingNewlines: true))
            throw VoiceSimExit.failure
        }
    }

    static func label(_ path: String, _ session: Int64?) -> String {
        path + (session.map { " session \($0)" } ?? "")
    }
}

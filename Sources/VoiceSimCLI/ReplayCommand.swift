import ArgumentParser
import CLISupport
import Recorder
import VoiceCore
import VoiceSim

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay recorded sessions through the voice core and compare every action with the recording.",
        discussion: """
            Rebuilds each lane's machines from the recorded configs and seeds, feeds them every recorded \
            input at its recorded time, and compares every action and checkpoint digest. The first \
            divergence is reported with the input, expected and actual actions, the inputs before it and \
            the checkpoint digests on both sides.

            Exit 0 when every session replays identically, 1 on a divergence, 2 on a bad trace (corrupt, \
            truncated, another schema version) or a missing session.
            """
    )

    @Argument(help: "The SQLite trace file.")
    var trace: String

    @Option(help: "Replay only this session id.")
    var session: Int64?

    @Flag(help: "Replay every session in the file (the default without --session).")
    var all = false

    @Option(help: "Inputs shown before a divergence.")
    var context = 10

    @Flag(help: "Print one JSON object instead of the readable report.")
    var json = false

    func validate() throws {
        if session != nil && all { throw ValidationError("--session and --all exclude each other.") }
        guard (0...10_000).contains(context) else { throw ValidationError("--context must be 0...10000.") }
    }

    func run() throws {
        let reader: TraceReader
        var ids: [Int64] = []
        do throws(TraceError) {
            reader = try TraceReader(path: trace)
            if let session {
                ids = [session]
            } else {
                ids = try reader.sessions().map(\.id)
            }
        } catch {
            report([], failure: error)
            throw VoiceSimExit.badInput
        }
        let replayer = Replayer(contextCount: context)
        var outcomes: [ReplayOutcome] = []
        for id in ids {
            let started = FileHandleLite.monotonicSeconds()
            do {
                let result = try replayer.replay(reader, session: id)
                outcomes.append(
                    ReplayOutcome(id: id, report: result, seconds: FileHandleLite.monotonicSeconds() - started))
            } catch {
                outcomes.append(ReplayOutcome(id: id, error: error))
            }
            if !json { print(sanitizedForTerminal(outcomes.last!.text, keepingNewlines: true)) }
        }
        if json { report(outcomes, failure: nil) }
        if outcomes.contains(where: { $0.error != nil }) { throw VoiceSimExit.badInput }
        if outcomes.contains(where: { $0.report?.isIdentical == false }) { throw VoiceSimExit.failure }
        if !json && ids.isEmpty { print("\(sanitizedForTerminal(trace)): no sessions") }
    }

    /// The JSON report, or a file-level error in either format.
    private func report(_ outcomes: [ReplayOutcome], failure: TraceError?) {
        if let failure, !json {
            printError("error: \(failure)")
            return
        }
        let exitCode: Int64 =
            failure != nil || outcomes.contains { $0.error != nil }
            ? 2
            : outcomes.contains { $0.report?.isIdentical == false } ? 1 : 0
        var pairs: [(String, JSONValue)] = [("trace", .string(trace)), ("exitCode", .int(exitCode))]
        if let failure { pairs.append(("error", .string(failure.description))) }
        pairs.append(("sessions", .array(outcomes.map(\.json))))
        print(JSONValue.object(pairs).rendered())
    }
}

/// One session's replay: its report, or why it could not be replayed.
struct ReplayOutcome {
    var id: Int64
    var report: ReplayReport?
    var seconds: Double = 0
    var error: TraceError?

    init(id: Int64, report: ReplayReport, seconds: Double) {
        self.id = id
        self.report = report
        self.seconds = seconds
    }

    init(id: Int64, error: TraceError) {
        self.id = id
        self.error = error
    }
}

extension ReplayOutcome {
    var text: String {
        guard let report else { return "session \(id): error: \(error!)" }
        let speed = seconds > 0 ? " in \(formatFixed(seconds * 1_000, decimals: 1)) ms" : ""
        var lines: [String] = []
        if !report.recordingFinished {
            lines.append(
                "session \(id): the recording was not finished (crashed or still running); "
                    + "replaying its \(report.eventsRecorded) committed events")
        }
        if let divergence = report.divergence {
            lines.append("session \(id): DIVERGED after \(report.eventsReplayed) events\(speed)")
            lines.append(divergence.description)
        } else if !report.isIdentical {
            lines.append(
                "session \(id): DIVERGED: final digest \(hex16(report.finalDigest)), recorded "
                    + "\(report.recordedFinalDigest.map(hex16) ?? "none")")
        } else {
            let simulated = Double(report.lastTime.micros) / 1_000_000
            let factor = seconds > 0 ? ", \(formatFixed(simulated / seconds, decimals: 0))× real time" : ""
            lines.append(
                "session \(id): identical: \(report.eventsReplayed) events, \(report.chunksRead) chunks, "
                    + "\(report.checkpointsMatched) checkpoints matched, final digest \(hex16(report.finalDigest))"
                    + (report.recordedFinalDigest == nil ? " (none recorded)" : " (as recorded)") + speed + factor)
        }
        return lines.joined(separator: "\n")
    }

    var json: JSONValue {
        guard let report else {
            return .object([("session", .int(id)), ("error", .string(error!.description))])
        }
        return .object([
            ("session", .int(id)), ("identical", .bool(report.isIdentical)),
            ("recordingFinished", .bool(report.recordingFinished)), ("eventsReplayed", .int(report.eventsReplayed)),
            ("eventsRecorded", .int(report.eventsRecorded)), ("chunksRead", .int(report.chunksRead)),
            ("checkpointsMatched", .int(Int64(report.checkpointsMatched))),
            ("lastTimeMicros", .int(report.lastTime.micros)), ("finalDigest", .string(hex16(report.finalDigest))),
            ("recordedFinalDigest", report.recordedFinalDigest.map { .string(hex16($0)) } ?? .null),
            ("replayMillis", .number(seconds * 1_000, decimals: 2)),
            ("divergence", report.divergence.map(\.json) ?? .null),
        ])
    }
}

extension Divergence {
    var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("kind", .string(kind.rawValue)), ("summary", .string(summary)), ("session", .int(session)),
            ("lane", .int(Int64(lane))), ("eventIndex", .int(eventIndex)), ("timeMicros", .int(time.micros)),
            ("input", .string(input.readableDescription)),
            ("expected", .array(expected.describedActions.map { .string($0) })),
            ("actual", .array(actual.describedActions.map { .string($0) })),
            ("firstDifferingAction", firstDifferingAction.map { .int(Int64($0)) } ?? .null),
            (
                "context",
                .array(
                    context.map { event in
                        .object([
                            ("eventIndex", .int(event.index)), ("timeMicros", .int(event.time.micros)),
                            ("input", .string(event.input.readableDescription)),
                            ("actions", .array(event.output.describedActions.map { .string($0) })),
                        ])
                    })
            ),
            ("lastMatchingCheckpoint", lastMatchingCheckpoint.map(\.json) ?? .null),
            (
                "firstDifferingCheckpoint",
                firstDifferingCheckpoint.map { comparison in
                    .object([
                        ("eventIndex", .int(comparison.recorded.eventIndex)),
                        ("timeMicros", .int(comparison.recorded.time.micros)),
                        ("recordedDigest", .string(hex16(comparison.recorded.digest))),
                        ("replayedDigest", .string(hex16(comparison.replayedDigest))),
                        ("recordedState", comparison.recorded.state.map(\.json) ?? .null),
                        ("replayedState", comparison.replayedState.map(\.json) ?? .null),
                        ("machinesWithDifferentState", .array(comparison.machinesWithDifferentState.map { .string($0) })),
                    ])
                } ?? .null
            ),
        ]
        if let finalDigests {
            pairs.append(("recordedFinalDigest", .string(hex16(finalDigests.recorded))))
            pairs.append(("replayedFinalDigest", .string(hex16(finalDigests.replayed))))
        }
        return .object(pairs)
    }
}

extension TraceCheckpoint {
    var json: JSONValue {
        .object([
            ("eventIndex", .int(eventIndex)), ("timeMicros", .int(time.micros)), ("digest", .string(hex16(digest))),
            ("state", state.map(\.json) ?? .null),
        ])
    }
}

extension LaneStateDigest {
    var json: JSONValue { .object([("client", .string(hex16(client))), ("server", .string(hex16(server)))]) }
}

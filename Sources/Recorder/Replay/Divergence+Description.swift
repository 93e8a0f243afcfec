import VoiceCore

extension Divergence: CustomStringConvertible {
    /// A multi-line report: where, the input, expected vs actual actions (the first differing
    /// one marked `≠`), the inputs before it, and the checkpoint digests on both sides.
    public var description: String {
        var lines = ["divergence in session \(session), lane \(lane), event \(eventIndex) at \(time): \(summary)"]
        lines.append("input: \(input.readableDescription)")
        let marked = firstDifferingAction
        lines.append("expected (recorded):")
        lines += Self.list(expected.describedActions, marked: marked)
        lines.append("actual (replayed):")
        lines += Self.list(actual.describedActions, marked: marked)
        if !context.isEmpty {
            lines.append("the \(context.count) inputs before it:")
            for event in context {
                lines.append("  #\(event.index) \(event.time) \(event.input.readableDescription)")
                let actions = event.output.describedActions
                if !actions.isEmpty { lines.append("      -> " + actions.joined(separator: "; ")) }
            }
        }
        lines += checkpointLines
        return lines.joined(separator: "\n")
    }

    /// One line saying what differed.
    public var summary: String {
        switch kind {
        case .actions:
            "the replayed machine emitted other actions"
        case .checkpointDigest:
            "the actions matched, but the lane digest at the checkpoint differs"
        case .checkpointState:
            "the actions matched, but the state of the lane's "
                + (firstDifferingCheckpoint?.machinesWithDifferentState.joined(separator: " and ") ?? "machines")
                + " (usage, history, buffers, timers) differs at checkpoint event \(eventIndex); the cause is after "
                + (lastMatchingCheckpoint.map { "event \($0.eventIndex)" } ?? "the start")
        case .finalDigest:
            "every event matched, but the final digest differs"
                + (finalDigests.map { " (recorded \(hex16($0.recorded)), replayed \(hex16($0.replayed)))" } ?? "")
        }
    }

    private var checkpointLines: [String] {
        var lines: [String] = []
        if let checkpoint = lastMatchingCheckpoint {
            lines.append(
                "last matching checkpoint: event \(checkpoint.eventIndex) at \(checkpoint.time), "
                    + "digest \(hex16(checkpoint.digest))"
            )
        } else {
            lines.append("last matching checkpoint: none (no checkpoint before the divergence matched)")
        }
        if let comparison = firstDifferingCheckpoint {
            let checkpoint = comparison.recorded
            lines.append(
                "checkpoint at event \(checkpoint.eventIndex) (\(checkpoint.time)): "
                    + "recorded \(hex16(checkpoint.digest)), "
                    + "replayed \(hex16(comparison.replayedDigest))" + (comparison.matches ? " (equal)" : ""))
            if let recordedState = checkpoint.state, let replayedState = comparison.replayedState {
                lines.append(
                    "  state: client recorded \(hex16(recordedState.client)), replayed \(hex16(replayedState.client)); "
                        + "server recorded \(hex16(recordedState.server)), replayed \(hex16(replayedState.server))")
            }
        } else if kind != .finalDigest {
            lines.append("no checkpoint after the divergence")
        }
        return lines
    }

    private static func list(_ actions: [String], marked: Int?) -> [String] {
        guard !actions.isEmpty else { return ["    (none)"] }
        return actions.enumerated().map { index, action in
            (index == marked ? "  ≠ " : "    ") + "\(index + 1). \(action)"
        }
    }
}

import VoiceCore

extension DebugSession {
    /// Runs `command` and returns what to print.
    /// - Complexity: O(events replayed).
    public mutating func run(_ command: DebuggerCommand) -> String {
        switch command {
        case .step(let count):
            var lines: [String] = []
            for index in 0..<count {
                guard let step = stepOnce() else {
                    lines.append("at the end of the session (\(events.count) inputs)")
                    break
                }
                if count <= 20 || index >= count - 5 { lines += describe(step) }
            }
            return lines.joined(separator: "\n")
        case .nextTurn:
            return runUntil("a user starts speaking") { session, step in
                let lane = Int(step.event.input.lane)
                guard case .client(_, .micCaptured) = step.event.input else { return false }
                return session.machines[lane].client.vad.inSpeech && !session.speakingBefore(lane)
            }
        case .continueTo(let target):
            return continueTo(target)
        case .back(let count):
            travel(to: position - count)
            return "back at input \(position) of \(events.count)" + (current.map { " (\($0.time))" } ?? "")
        case .print(let client, let lane):
            let header = "\(client ? "client" : "server") of lane \(lane) after input \(position)"
                + (current.map { " at \($0.time)" } ?? " (initial state)")
            return header + "\n" + dump(client: client, lane: lane)
        case .actions:
            guard let event = current else { return "no input applied yet" }
            return describeActions(event, actual: lastOutput ?? event.output)
        case .whereNow:
            return whereText
        case .marks:
            return marks.isEmpty
                ? "no marks"
                : marks.map { "#\($0.eventIndex) \($0.time) \($0.kind): \($0.label)" }.joined(separator: "\n")
        case .help:
            return DebuggerCommand.helpText
        case .quit:
            return ""
        }
    }

    /// Whether the lane's client VAD was in speech before the last step (`runUntil` notes it).
    func speakingBefore(_ lane: Int) -> Bool { wasSpeaking[lane] }

    private mutating func continueTo(_ target: DebuggerCommand.ContinueTarget) -> String {
        switch target {
        case .anything, .divergence:
            return runUntil("a divergence or an invariant failure") { _, step in
                step.diverged || !step.violations.isEmpty
            }
        case .time(let time):
            guard let stop = events[position...].firstIndex(where: { $0.time >= time }) else {
                travel(to: events.count)
                return "no input at or after \(time); at the end of the session"
            }
            travel(to: stop)
            return "stopped before input \(stop) at \(events[stop].time)\n" + whereText
        case .mark(let kind):
            guard let mark = marks.first(where: { $0.kind.rawValue == kind && Int($0.eventIndex) >= position }) else {
                let kinds = Set(marks.map(\.kind.rawValue)).sorted().joined(separator: ", ")
                return "no mark of kind '\(kind)' ahead (kinds in this session: \(kinds.isEmpty ? "none" : kinds))"
            }
            let report = runUntil("mark \(kind)") { session, _ in session.position > Int(mark.eventIndex) }
            return report + "\nmark \(mark.kind) at \(mark.time): \(mark.label)"
        }
    }

    /// Steps until `stop` holds after a step, or the end; describes where it stopped.
    private mutating func runUntil(_ what: String, _ stop: (DebugSession, DebugStep) -> Bool) -> String {
        let started = position
        while true {
            for lane in machines.indices { wasSpeaking[lane] = machines[lane].client.vad.inSpeech }
            guard let step = stepOnce() else {
                return "ran \(position - started) inputs to the end of the session without reaching \(what)"
            }
            if stop(self, step) {
                var lines = ["stopped at \(what) after \(position - started) inputs:"]
                lines += describe(step)
                return lines.joined(separator: "\n")
            }
        }
    }

    func describe(_ step: DebugStep) -> [String] {
        var lines = ["#\(step.event.index) \(step.event.time) \(step.event.input.readableDescription)"]
        let actions = step.actual.describedActions
        if !actions.isEmpty { lines.append("    -> " + actions.joined(separator: "; ")) }
        if step.diverged {
            lines.append("    DIVERGED: the recording has -> " + step.event.output.describedActions.joined(separator: "; "))
        }
        for violation in step.violations { lines.append("    INVARIANT: \(violation)") }
        return lines
    }

    private func describeActions(_ event: RecordedEvent, actual: MachineOutput) -> String {
        var lines = ["#\(event.index) \(event.time) \(event.input.readableDescription)", "recorded:"]
        lines += event.output.describedActions.enumerated().map { "  \($0.offset + 1). \($0.element)" }
        if actual == event.output {
            lines.append("replayed: the same")
        } else {
            lines.append("replayed (differs):")
            lines += actual.describedActions.enumerated().map { "  \($0.offset + 1). \($0.element)" }
        }
        return lines.joined(separator: "\n")
    }

    private var whereText: String {
        var lines = ["input \(position) of \(events.count)" + (current.map { ", at \($0.time)" } ?? ", at the start")]
        let before = events[max(0, position - 3)..<position]
        for event in before { lines.append("  done  #\(event.index) \(event.time) \(event.input.readableDescription)") }
        if let next { lines.append("  next  #\(next.index) \(next.time) \(next.input.readableDescription)") }
        if let mark = marks.first(where: { Int($0.eventIndex) >= position }) {
            lines.append("next mark: \(mark.kind) after input #\(mark.eventIndex) (\(mark.time)): \(mark.label)")
        }
        return lines.joined(separator: "\n")
    }
}

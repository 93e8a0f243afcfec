import CLISupport
import Recorder
import VoiceCore
import VoiceSim

/// Prints every machine input and the actions it caused, one line each: `voicesim run --log`.
///
/// With `--json` the log goes to standard error, so standard output stays one JSON document.
final class EventLog: SimulationObserver {
    let toStandardError: Bool

    init(toStandardError: Bool = false) { self.toStandardError = toStandardError }

    private func emit(_ line: String) {
        let safe = sanitizedForTerminal(line, keepingNewlines: true)
        if toStandardError { printError(safe) } else { print(safe) }
    }

    func simulation(
        lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest
    ) {
        let (side, event): (String, String) = switch input {
        case .client(_, let event): ("client", String(describing: event))
        case .server(_, let event): ("server", String(describing: event))
        }
        let actions: String = switch output {
        case .client(let actions): actions.map { String(describing: $0) }.joined(separator: "; ")
        case .server(let actions): actions.map { String(describing: $0) }.joined(separator: "; ")
        }
        emit("\(time) lane \(lane) \(side) <- \(event)" + (actions.isEmpty ? "" : "\n    -> \(actions)"))
    }

    func simulation(lane: Int, mark: SimulationMark, at time: Instant) {
        emit("\(time) lane \(lane) mark \(mark.kind): \(sanitizedForTerminal(mark.label))")
    }
}

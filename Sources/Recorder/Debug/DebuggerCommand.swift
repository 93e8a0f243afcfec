import VoiceCore

/// One command of `voicesim debug`, parsed from a line.
public enum DebuggerCommand: Equatable, Sendable {
    case step(Int)
    case nextTurn
    case continueTo(ContinueTarget)
    case back(Int)
    case print(client: Bool, lane: UInt32)
    case actions
    case whereNow
    case marks
    case help
    case quit

    /// Where `continue` stops.
    public enum ContinueTarget: Equatable, Sendable {
        /// The next divergence or invariant failure, else the end.
        case anything
        /// After the event of the next mark of this kind (`interruption`, `reconnect`, …).
        case mark(String)
        /// Before the first event at or after this time.
        case time(Instant)
        /// The next event whose actions differ from the recording, or that breaks an invariant.
        case divergence
    }
}

extension DebuggerCommand {
    /// Parses a command line; short forms: s, n, c, b, p, a, w, m, h, q.
    /// Returns an error message for anything else.
    public static func parse(_ line: String) -> Result<DebuggerCommand, DebuggerCommandError> {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let verb = words.first?.lowercased() else { return .failure(.init("empty command")) }
        let rest = Array(words.dropFirst())
        switch verb {
        case "s", "step": return count(rest).map(DebuggerCommand.step)
        case "b", "back": return count(rest).map(DebuggerCommand.back)
        case "n", "next":
            guard rest.isEmpty || rest == ["turn"] else { return .failure(.init("usage: next turn")) }
            return .success(.nextTurn)
        case "c", "cont", "continue": return target(rest).map(DebuggerCommand.continueTo)
        case "p", "print":
            guard let which = rest.first?.lowercased(), ["client", "c", "server", "s"].contains(which) else {
                return .failure(.init("usage: print client|server [lane]"))
            }
            guard rest.count <= 2, let lane = rest.count == 2 ? UInt32(rest[1]) : 0 else {
                return .failure(.init("usage: print client|server [lane]"))
            }
            return .success(.print(client: which.hasPrefix("c"), lane: lane))
        case "a", "actions": return rest.isEmpty ? .success(.actions) : .failure(.init("usage: actions"))
        case "w", "where": return rest.isEmpty ? .success(.whereNow) : .failure(.init("usage: where"))
        case "m", "marks": return rest.isEmpty ? .success(.marks) : .failure(.init("usage: marks"))
        case "h", "help", "?": return .success(.help)
        case "q", "quit", "exit": return .success(.quit)
        default: return .failure(.init("unknown command '\(verb)' (help lists the commands)"))
        }
    }

    private static func count(_ words: [String]) -> Result<Int, DebuggerCommandError> {
        guard words.count <= 1 else { return .failure(.init("expected one count")) }
        guard let text = words.first else { return .success(1) }
        guard let value = Int(text), value >= 1, value <= 100_000_000 else {
            return .failure(.init("'\(text)' is not a count from 1"))
        }
        return .success(value)
    }

    private static func target(_ words: [String]) -> Result<ContinueTarget, DebuggerCommandError> {
        guard words.count <= 1 else { return .failure(.init("usage: continue [KIND | TIME | divergence]")) }
        guard let word = words.first else { return .success(.anything) }
        if word.lowercased() == "divergence" { return .success(.divergence) }
        if let time = parseTime(word) { return .success(.time(time)) }
        guard word.allSatisfy({ $0.isLetter || $0 == "_" }) else {
            return .failure(.init("'\(word)' is neither a mark kind, a time (12.5s, 800ms) nor 'divergence'"))
        }
        return .success(.mark(word.lowercased()))
    }

    /// `12.5s`, `12s`, `800ms`, `12.5` (seconds); exact to the microsecond.
    static func parseTime(_ text: String) -> Instant? {
        var body = Substring(text.lowercased())
        var scale: Int64 = 1_000_000
        if body.hasSuffix("ms") {
            body = body.dropLast(2)
            scale = 1_000
        } else if body.hasSuffix("s") {
            body = body.dropLast()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
            let whole = Int64(parts[0].isEmpty ? "0" : parts[0]), whole < 1 << 40
        else { return nil }
        var micros = whole * scale
        if parts.count == 2, !parts[1].isEmpty {
            let digits = parts[1].prefix(6)
            guard let fraction = Int64(digits) else { return nil }
            var unit = scale
            for _ in 0..<digits.count { unit /= 10 }
            micros += fraction * unit
        }
        return Instant(micros: micros)
    }

    /// The command list, for `help`.
    public static let helpText = """
        step [n]            (s)  apply the next n recorded inputs (default 1)
        next turn           (n)  run until a user starts speaking (the client's VAD)
        continue [target]   (c)  run to the next divergence or invariant failure, or to:
                                   KIND        after the next mark of that kind (interruption, reconnect,
                                               latency_spike, turn_start, turn_end, invariant_failure)
                                   TIME        the first input at or after it (12.5s, 800ms)
                                   divergence  the next input whose actions differ from the recording
        back [n]            (b)  go back n inputs (restores a snapshot, replays forward)
        print client|server [lane]  (p)  the machine's state
        actions             (a)  the last input with its recorded and replayed actions
        where               (w)  position, time, the inputs around it and the next mark
        marks               (m)  every mark of the session
        quit                (q)
        """
}

/// Why a debug command line was not understood.
public struct DebuggerCommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

import VoiceCore

/// What a fuzz run found wrong, by class: safety (correctness) or liveness.
public enum FuzzFailure: Equatable, Sendable, CustomStringConvertible {
    /// A machine invariant broke, or audio played after a barge-in stopped it.
    case invariant(String)
    /// An oracle saw harm the user would notice (`OracleKind` names which).
    case oracle(OracleKind, String)
    /// After every fault healed, the conversation did not recover.
    case liveness(String)

    public var isSafety: Bool {
        switch self {
        case .invariant, .oracle: true
        case .liveness: false
        }
    }

    /// The stable name of the failure's class: an oracle's kind, `invariant` or `liveness`.
    public var kindName: String {
        switch self {
        case .invariant: "invariant"
        case .oracle(let kind, _): kind.rawValue
        case .liveness: "liveness"
        }
    }

    /// Same class and, for invariants, the same message; for oracles, the same kind:
    /// what shrinking must preserve.
    public func sameKind(as other: FuzzFailure) -> Bool {
        switch (self, other) {
        case (.invariant(let lhs), .invariant(let rhs)): lhs.drop { $0 != ":" } == rhs.drop { $0 != ":" }
        case (.oracle(let lhs, _), .oracle(let rhs, _)): lhs == rhs
        case (.liveness, .liveness): true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .invariant(let detail): "safety: \(detail)"
        case .oracle(let kind, let detail): "safety: \(kind.rawValue): \(detail)"
        case .liveness(let detail): "liveness: \(detail)"
        }
    }
}

import VoiceCore

/// What a fuzz run found wrong, by class: safety (correctness) or liveness.
public enum FuzzFailure: Equatable, Sendable, CustomStringConvertible {
    /// A machine invariant broke, or audio played after a barge-in stopped it.
    case invariant(String)
    /// The server lost mic audio that the client never counted as dropped from its buffer.
    case silentAudioLoss(serverLostMicros: Int64, clientEvictedMicros: Int64)
    /// After every fault healed, the conversation did not recover.
    case liveness(String)

    public var isSafety: Bool {
        switch self {
        case .invariant, .silentAudioLoss: true
        case .liveness: false
        }
    }

    /// Same class and, for invariants, the same message: what shrinking must preserve.
    func sameKind(as other: FuzzFailure) -> Bool {
        switch (self, other) {
        case (.invariant(let lhs), .invariant(let rhs)): lhs.drop { $0 != ":" } == rhs.drop { $0 != ":" }
        case (.silentAudioLoss, .silentAudioLoss), (.liveness, .liveness): true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .invariant(let detail): "safety: \(detail)"
        case .silentAudioLoss(let lost, let evicted):
            "safety: server lost \(lost / 1_000) ms of mic audio but the client dropped only \(evicted / 1_000) ms from its buffer"
        case .liveness(let detail): "liveness: \(detail)"
        }
    }
}

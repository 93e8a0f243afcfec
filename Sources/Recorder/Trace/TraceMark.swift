import VoiceCore

/// A labelled point in a session (an interruption, a reconnect, a latency spike, an invariant
/// failure), so tools can jump to it without decoding events.
public struct TraceMark: Equatable, Sendable {
    /// What kind of point this is; open-ended so later layers can add kinds without a schema change.
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }
    }

    public var time: Instant
    /// The index of the record the mark refers to (records are numbered from 0 per session).
    public var eventIndex: Int64
    public var kind: Kind
    public var label: String

    public init(time: Instant, eventIndex: Int64, kind: Kind, label: String) {
        self.time = time
        self.eventIndex = eventIndex
        self.kind = kind
        self.label = label
    }
}

extension TraceMark.Kind {
    public static let interruption = Self(rawValue: "interruption")
    public static let reconnect = Self(rawValue: "reconnect")
    public static let latencySpike = Self(rawValue: "latency_spike")
    public static let invariantFailure = Self(rawValue: "invariant_failure")

    public var description: String { rawValue }
}

import VoiceCore

/// The running action digest after a given record, and the state digests of that record's
/// lane, so replay can say where behaviour first differed instead of only at the end.
public struct TraceCheckpoint: Equatable, Sendable {
    /// The index of the last record the digest covers.
    public var eventIndex: Int64
    public var time: Instant
    /// The lane's running digest of every action (`LaneMachines.digest`).
    public var digest: UInt64
    /// The lane's machines' state digests (`LaneMachines.stateDigest`); nil when the recorder
    /// was not given them (then only actions are compared there).
    public var state: LaneStateDigest?

    public init(eventIndex: Int64, time: Instant, digest: UInt64, state: LaneStateDigest? = nil) {
        self.eventIndex = eventIndex
        self.time = time
        self.digest = digest
        self.state = state
    }
}

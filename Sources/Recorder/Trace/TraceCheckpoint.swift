import VoiceCore

/// The running digest after a given record, so replay can find a divergence by bisection
/// instead of from the start.
public struct TraceCheckpoint: Equatable, Sendable {
    /// The index of the last record the digest covers.
    public var eventIndex: Int64
    public var time: Instant
    public var digest: UInt64

    public init(eventIndex: Int64, time: Instant, digest: UInt64) {
        self.eventIndex = eventIndex
        self.time = time
        self.digest = digest
    }
}

import VoiceCore

/// What is known when a session ends: written by `TraceWriter.finishSession`.
///
/// Counts of events and bytes are not here: the writer keeps those itself, per chunk.
public struct SessionSummary: Equatable, Sendable {
    public var ended: Instant
    /// The running digest of every output action; replay must reach the same value.
    public var finalDigest: UInt64
    public var turnCount: Int64
    /// nil when there was no completed turn to measure.
    public var latencyMillisMean: Double?
    public var latencyMillisP95: Double?
    public var interruptionCount: Int64
    public var reconnectCount: Int64
    public var lostAudioMillis: Int64
    public var costUSD: Double

    public init(
        ended: Instant, finalDigest: UInt64, turnCount: Int64 = 0, latencyMillisMean: Double? = nil,
        latencyMillisP95: Double? = nil, interruptionCount: Int64 = 0, reconnectCount: Int64 = 0,
        lostAudioMillis: Int64 = 0, costUSD: Double = 0
    ) {
        self.ended = ended
        self.finalDigest = finalDigest
        self.turnCount = turnCount
        self.latencyMillisMean = latencyMillisMean
        self.latencyMillisP95 = latencyMillisP95
        self.interruptionCount = interruptionCount
        self.reconnectCount = reconnectCount
        self.lostAudioMillis = lostAudioMillis
        self.costUSD = costUSD
    }
}

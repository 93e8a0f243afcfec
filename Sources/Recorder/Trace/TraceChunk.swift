import VoiceCore

/// One verified chunk of a session: its records and where it sits.
public struct TraceChunk: Equatable, Sendable {
    public var index: Int64
    public var firstTime: Instant
    public var lastTime: Instant
    /// The `index` of `records.first`.
    public var firstEventIndex: Int64
    public var records: [TraceRecord]
    /// Inflated payload size.
    public var rawBytes: Int
    /// Compressed payload size as stored.
    public var storedBytes: Int

    public init(
        index: Int64, firstTime: Instant, lastTime: Instant, firstEventIndex: Int64, records: [TraceRecord],
        rawBytes: Int, storedBytes: Int
    ) {
        self.index = index
        self.firstTime = firstTime
        self.lastTime = lastTime
        self.firstEventIndex = firstEventIndex
        self.records = records
        self.rawBytes = rawBytes
        self.storedBytes = storedBytes
    }
}

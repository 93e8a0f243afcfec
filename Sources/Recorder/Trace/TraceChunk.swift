import VoiceCore

/// One verified chunk of a session: its records and where it sits.
public struct TraceChunk: Equatable, Sendable {
    public var index: Int64
    public var firstTime: Instant
    public var lastTime: Instant
    /// The `index` of `records.first`.
    public var firstEventIndex: Int64
    public var records: [TraceRecord]
    /// The side columns: what `TraceWriter.append`'s `sides` put there, concatenated per column
    /// in record order.
    public var sides: [[UInt8]]
    /// Inflated payload size.
    public var rawBytes: Int
    /// Compressed payload size as stored.
    public var storedBytes: Int
    /// The session-wide index of the chunk's first audio entry.
    public var firstAudioIndex: Int64
    public var audioCount: Int64
    /// The audio entries, verified; nil unless the cursor was asked for audio (then one per
    /// `audioCount`, in order).
    public var audio: [[UInt8]]?

    public init(
        index: Int64, firstTime: Instant, lastTime: Instant, firstEventIndex: Int64, records: [TraceRecord],
        sides: [[UInt8]] = [], rawBytes: Int, storedBytes: Int, firstAudioIndex: Int64 = 0, audioCount: Int64 = 0,
        audio: [[UInt8]]? = nil
    ) {
        self.index = index
        self.firstTime = firstTime
        self.lastTime = lastTime
        self.firstEventIndex = firstEventIndex
        self.records = records
        self.sides = sides
        self.rawBytes = rawBytes
        self.storedBytes = storedBytes
        self.firstAudioIndex = firstAudioIndex
        self.audioCount = audioCount
        self.audio = audio
    }
}

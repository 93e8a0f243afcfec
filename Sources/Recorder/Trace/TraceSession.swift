/// A session as a reader sees it: its header, its summary if it finished, and what it holds.
public struct TraceSession: Equatable, Sendable {
    public var id: Int64
    public var header: SessionHeader
    /// nil when the writer never finished the session (it crashed, or is still recording);
    /// its committed chunks are still readable.
    public var summary: SessionSummary?
    /// Records in committed chunks.
    public var eventCount: Int64
    /// Committed chunks, indexed 0..<chunkCount.
    public var chunkCount: Int64
    /// Total inflated size of the chunks.
    public var rawBytes: Int64
    /// Total compressed size of the chunks.
    public var storedBytes: Int64
    /// Audio entries in committed chunks.
    public var audioCount: Int64
    /// Total inflated and compressed sizes of the chunks' audio entries. The inflated size is of
    /// the packed entries (`PCMPacking`), not the raw PCM: see `TraceReader.audioTotals`.
    public var audioRawBytes: Int64
    public var audioStoredBytes: Int64
    /// Rows the session owns in `lanes`, `marks` and `checkpoints`, as its row counts them.
    public var laneCount: Int64
    public var markCount: Int64
    public var checkpointCount: Int64

    public init(
        id: Int64, header: SessionHeader, summary: SessionSummary?, eventCount: Int64, chunkCount: Int64,
        rawBytes: Int64, storedBytes: Int64, audioCount: Int64 = 0, audioRawBytes: Int64 = 0,
        audioStoredBytes: Int64 = 0, laneCount: Int64 = 0, markCount: Int64 = 0, checkpointCount: Int64 = 0
    ) {
        self.id = id
        self.header = header
        self.summary = summary
        self.eventCount = eventCount
        self.chunkCount = chunkCount
        self.rawBytes = rawBytes
        self.storedBytes = storedBytes
        self.audioCount = audioCount
        self.audioRawBytes = audioRawBytes
        self.audioStoredBytes = audioStoredBytes
        self.laneCount = laneCount
        self.markCount = markCount
        self.checkpointCount = checkpointCount
    }
}

extension TraceSession {
    /// Whether `finishSession` completed for this session.
    public var isFinished: Bool { summary != nil }
}

/// What `TraceReader.salvageRecords(session:)` could recover.
public struct TraceSalvage: Equatable, Sendable {
    /// Records of the chunks before the first bad one, in order.
    public var records: [TraceRecord]
    /// Why reading stopped early; nil when every chunk verified.
    public var stoppedBy: TraceError?

    public init(records: [TraceRecord], stoppedBy: TraceError?) {
        self.records = records
        self.stoppedBy = stoppedBy
    }
}

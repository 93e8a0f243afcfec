import VoiceCore

/// One `chunks` row as stored, before any check.
struct ChunkRow {
    var index: Int64
    var firstTime: Instant
    var lastTime: Instant
    var firstEventIndex: Int64
    var eventCount: Int64
    var rawSize: Int64
    var checksum: Int64
    var payload: [UInt8]
}

extension ChunkRow {
    /// The chunk columns of `TraceChunkCursor`'s query, from column `offset` on.
    init(_ row: SQLiteStatement, offset: Int32) {
        self.init(
            index: row.int64(at: offset), firstTime: Instant(micros: row.int64(at: offset + 1)),
            lastTime: Instant(micros: row.int64(at: offset + 2)), firstEventIndex: row.int64(at: offset + 3),
            eventCount: row.int64(at: offset + 4), rawSize: row.int64(at: offset + 5),
            checksum: row.int64(at: offset + 6), payload: row.blob(at: offset + 7))
    }
}

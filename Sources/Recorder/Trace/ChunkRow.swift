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
    var firstAudioIndex: Int64
    var audioCount: Int64
    var audioRawSize: Int64
    var audioChecksum: Int64?
    /// NULL when the chunk has no audio entries.
    var audioPayload: [UInt8]?
}

extension ChunkRow {
    /// The chunk columns of `TraceChunkCursor`'s query, from column `offset` on: the checksummed
    /// columns (`TraceColumns.chunks`), `row_checksum`, `payload`, `audio_payload`. The row's
    /// checksum is checked first, so a damaged column is named as damage before any other check.
    init(_ row: SQLiteStatement, offset: Int32, session: Int64) throws(TraceError) {
        let index = row.int64(at: offset + 1)
        _ = try row.checkRow(
            table: "chunks", row: "session \(session) chunk \(index)", offset: offset, count: TraceColumns.chunks.count)
        let payloads = offset + Int32(TraceColumns.chunks.count) + 1
        self.init(
            index: index, firstTime: Instant(micros: row.int64(at: offset + 2)),
            lastTime: Instant(micros: row.int64(at: offset + 3)), firstEventIndex: row.int64(at: offset + 4),
            eventCount: row.int64(at: offset + 5), rawSize: row.int64(at: offset + 6),
            checksum: row.int64(at: offset + 7), payload: row.blob(at: payloads),
            firstAudioIndex: row.int64(at: offset + 8), audioCount: row.int64(at: offset + 9),
            audioRawSize: row.int64(at: offset + 10), audioChecksum: row.optionalInt64(at: offset + 11),
            audioPayload: row.isNull(at: payloads + 1) ? nil : row.blob(at: payloads + 1))
    }
}

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
    /// The audio columns below are read only when the cursor was asked for audio.
    var audioChecksum: Int64?
    var audioPayload: [UInt8]?
}

extension ChunkRow {
    /// The chunk columns of `TraceChunkCursor`'s query, from column `offset` on; the audio
    /// checksum and payload only when `withAudio`.
    init(_ row: SQLiteStatement, offset: Int32, withAudio: Bool) {
        self.init(
            index: row.int64(at: offset), firstTime: Instant(micros: row.int64(at: offset + 1)),
            lastTime: Instant(micros: row.int64(at: offset + 2)), firstEventIndex: row.int64(at: offset + 3),
            eventCount: row.int64(at: offset + 4), rawSize: row.int64(at: offset + 5),
            checksum: row.int64(at: offset + 6), payload: row.blob(at: offset + 7),
            firstAudioIndex: row.int64(at: offset + 8), audioCount: row.int64(at: offset + 9),
            audioRawSize: row.int64(at: offset + 10),
            audioChecksum: withAudio ? row.optionalInt64(at: offset + 11) : nil,
            audioPayload: withAudio && !row.isNull(at: offset + 12) ? row.blob(at: offset + 12) : nil)
    }
}

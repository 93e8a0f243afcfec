import VoiceCore

/// Checks one stored chunk against what the chunks before it and its own columns promise, and
/// decodes its records. Pure: no I/O, so every check can be exercised directly.
struct ChunkVerifier {
    let session: Int64
    /// The session row's chunk count (same snapshot as the rows).
    let chunkCount: Int64
    var expectedIndex: Int64 = 0
    var expectedEventIndex: Int64 = 0
    var expectedAudioIndex: Int64 = 0
    /// The previous chunk's last record time: chunks may not go back in time.
    var previousLastTime: Instant?

    init(session: Int64, chunkCount: Int64) {
        self.session = session
        self.chunkCount = chunkCount
    }
}

extension ChunkVerifier {
    /// Verifies `row` as the next chunk and returns it; the checks run cheapest first, and the
    /// checksum before inflate so damaged bytes are named as such. The audio payload's CRC-32 is
    /// always checked; with `withAudio`, its entries are inflated and decoded too.
    mutating func verify(_ row: ChunkRow, withAudio: Bool = false) throws(TraceError) -> TraceChunk {
        try checkPosition(row)
        try checkChecksum(row)
        let raw = try inflate(row)
        let records: [TraceRecord]
        let sides: [[UInt8]]
        do {
            (records, sides) = try ChunkDecoder.decode(
                raw, firstTime: row.firstTime, firstEventIndex: row.firstEventIndex, eventCount: row.eventCount)
        } catch {
            throw corrupt(row, "records do not decode: \(error)")
        }
        guard Int64(records.count) == row.eventCount else {
            throw corrupt(row, "holds \(records.count) records, event_count says \(row.eventCount)")
        }
        guard records.last?.time == row.lastTime else {
            throw corrupt(row, "last record is at \(records.last!.time), last_time_us says \(row.lastTime)")
        }
        try checkAudioChecksum(row)
        let audio = withAudio ? try audioEntries(row) : nil
        expectedIndex += 1
        expectedEventIndex += row.eventCount
        expectedAudioIndex += row.audioCount
        previousLastTime = row.lastTime
        return TraceChunk(
            index: row.index, firstTime: row.firstTime, lastTime: row.lastTime, firstEventIndex: row.firstEventIndex,
            records: records, sides: sides, rawBytes: raw.count, storedBytes: row.payload.count,
            firstAudioIndex: row.firstAudioIndex,
            audioCount: row.audioCount, audio: audio)
    }

    /// After the last row: the session row must not promise more chunks or events than seen.
    func checkEnd() throws(TraceError) {
        guard expectedIndex >= chunkCount else {
            throw .chunkMissing(session: session, expected: expectedIndex, found: nil)
        }
    }

    /// Index, event index, counts and times, from the columns alone.
    private func checkPosition(_ row: ChunkRow) throws(TraceError) {
        guard row.index == expectedIndex else {
            throw .chunkMissing(session: session, expected: expectedIndex, found: row.index)
        }
        guard row.index < chunkCount else {
            throw corrupt(row, "beyond the session's chunk_count \(chunkCount)")
        }
        guard row.firstEventIndex == expectedEventIndex else {
            throw .chunkEventIndexMismatch(
                session: session, chunk: row.index, expected: expectedEventIndex, found: row.firstEventIndex)
        }
        guard row.eventCount > 0 else { throw corrupt(row, "event_count is \(row.eventCount)") }
        guard row.lastTime >= row.firstTime else {
            throw corrupt(row, "last_time_us \(row.lastTime) is before first_time_us \(row.firstTime)")
        }
        if let previousLastTime, row.firstTime < previousLastTime {
            throw corrupt(row, "starts at \(row.firstTime), before the previous chunk's end at \(previousLastTime)")
        }
        guard (0...Int64(TraceSchema.chunkRawBytesMax)).contains(row.rawSize) else {
            throw corrupt(row, "raw_size \(row.rawSize) is outside 0...\(TraceSchema.chunkRawBytesMax)")
        }
        guard row.firstAudioIndex == expectedAudioIndex else {
            throw corrupt(row, "first_audio_index is \(row.firstAudioIndex), expected \(expectedAudioIndex)")
        }
        guard row.audioCount >= 0, (0...Int64(TraceSchema.chunkAudioRawBytesMax)).contains(row.audioRawSize),
            row.audioCount <= row.audioRawSize
        else {
            throw corrupt(row, "audio_count \(row.audioCount) and audio_raw_size \(row.audioRawSize) are inconsistent")
        }
    }

    /// The audio payload is present exactly when there are entries, and matches its CRC-32.
    private func checkAudioChecksum(_ row: ChunkRow) throws(TraceError) {
        guard let payload = row.audioPayload else {
            guard row.audioCount == 0, row.audioChecksum == nil else {
                throw corrupt(row, "audio_count is \(row.audioCount), audio_payload is NULL")
            }
            return
        }
        guard row.audioCount > 0 else { throw corrupt(row, "audio_count is 0, audio_payload is not NULL") }
        let actual = Zlib.crc32(payload)
        guard let stored = row.audioChecksum, let expected = UInt32(exactly: stored) else {
            throw corrupt(row, "audio_checksum \(row.audioChecksum.map(String.init) ?? "NULL") is not a 32-bit value")
        }
        guard expected == actual else {
            throw corrupt(row, "audio checksum mismatch, stored \(hex8(expected)), computed \(hex8(actual))")
        }
    }

    /// The chunk's audio entries (checksum already checked): inflate, bounded by
    /// `audio_raw_size`, framing, count.
    private func audioEntries(_ row: ChunkRow) throws(TraceError) -> [[UInt8]] {
        guard let payload = row.audioPayload else { return [] }
        let size = Int(row.audioRawSize)
        let raw: [UInt8]
        do {
            raw = try Zlib.inflate(payload, expectedSize: size, limit: size)
        } catch {
            throw corrupt(row, "audio_payload does not inflate: \(error)")
        }
        guard raw.count == size else {
            throw corrupt(row, "audio inflates to \(raw.count) bytes, audio_raw_size says \(size)")
        }
        var reader = ByteReader(raw)
        var entries: [[UInt8]] = []
        do {
            while !reader.isAtEnd {
                entries.append(try reader.readBytes("audio entry \(row.firstAudioIndex + Int64(entries.count))"))
            }
        } catch {
            throw corrupt(row, "audio entries do not decode: \(error)")
        }
        guard Int64(entries.count) == row.audioCount else {
            throw corrupt(row, "holds \(entries.count) audio entries, audio_count says \(row.audioCount)")
        }
        return entries
    }

    private func checkChecksum(_ row: ChunkRow) throws(TraceError) {
        let actual = Zlib.crc32(row.payload)
        guard let expected = UInt32(exactly: row.checksum) else {
            throw corrupt(row, "checksum \(row.checksum) is not a 32-bit value")
        }
        guard expected == actual else {
            throw .chunkChecksumMismatch(session: session, chunk: row.index, expected: expected, actual: actual)
        }
    }

    /// Inflates with `raw_size` as the limit, so a lying size can never make us allocate more.
    private func inflate(_ row: ChunkRow) throws(TraceError) -> [UInt8] {
        let rawSize = Int(row.rawSize)
        let raw: [UInt8]
        do {
            raw = try Zlib.inflate(row.payload, expectedSize: rawSize, limit: rawSize)
        } catch {
            throw corrupt(row, "payload does not inflate: \(error)")
        }
        guard raw.count == rawSize else {
            throw corrupt(row, "inflates to \(raw.count) bytes, raw_size says \(rawSize)")
        }
        return raw
    }

    private func corrupt(_ row: ChunkRow, _ reason: String) -> TraceError {
        .chunkCorrupt(session: session, chunk: row.index, reason: reason)
    }
}

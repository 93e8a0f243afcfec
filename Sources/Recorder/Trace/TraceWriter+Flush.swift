import VoiceCore

extension TraceWriter {
    /// Commits the pending records as one chunk, with pending marks and checkpoints, in one
    /// transaction. Does nothing when nothing is pending.
    ///
    /// On failure nothing is committed and everything stays pending, so a retry is safe.
    public func flush() throws(TraceError) {
        guard var session = active else { return }
        let hasRecords = !session.batch.isEmpty
        guard hasRecords || !session.pendingMarks.isEmpty || !session.pendingCheckpoints.isEmpty else { return }
        let chunk = hasRecords ? compress(session.batch) : nil
        try checkWAL()
        try checkSize(adding: Int64(chunk?.payload.count ?? 0) + Int64(chunk?.audioPayload?.count ?? 0))
        var committed = session
        if let chunk {
            committed.committedChunks += 1
            committed.committedEvents += session.batch.recordCount
            committed.committedRawBytes += Int64(chunk.rawSize)
            committed.committedStoredBytes += Int64(chunk.payload.count)
            committed.committedAudio += session.batch.audioCount
            committed.committedAudioRawBytes += Int64(session.batch.audioRawSize)
            committed.committedAudioStoredBytes += Int64(chunk.audioPayload?.count ?? 0)
            committed.batch.removeAll()
        }
        committed.committedMarks += Int64(session.pendingMarks.count)
        committed.committedCheckpoints += Int64(session.pendingCheckpoints.count)
        committed.pendingMarks.removeAll()
        committed.pendingCheckpoints.removeAll()
        do {
            try database.transaction(.immediate) { () throws(SQLiteError) in
                if let chunk {
                    try insert(chunk, of: session)
                }
                try insertPending(of: session)
                try updateRow(of: committed)
            }
        } catch {
            throw TraceError(error, path: path, database: database)
        }
        active = committed
    }

    /// Rewrites the session row from `session` (totals, counts, summary) with its checksum, so
    /// the row always describes exactly the committed rows.
    func updateRow(of session: ActiveSession) throws(SQLiteError) {
        let values = session.rowValuesWithChecksum
        try statements.updateSession.run(Array(values.dropFirst()) + [.integer(session.id)])
    }

    /// A compressed chunk, ready to insert.
    struct CompressedChunk {
        let rawSize: Int
        let payload: [UInt8]
        let checksum: UInt32
        /// nil when the chunk has no audio entries.
        let audioPayload: [UInt8]?
        let audioChecksum: UInt32?
    }

    private func compress(_ batch: ChunkBuilder) -> CompressedChunk {
        let (raw, columnEnds) = batch.raw()
        let payload = Zlib.deflate(raw, blockEnds: columnEnds, level: options.compressionLevel)
        let audioPayload =
            batch.audioCount > 0 ? Zlib.deflate(batch.audio.bytes, level: options.audioCompressionLevel) : nil
        return CompressedChunk(
            rawSize: raw.count, payload: payload, checksum: Zlib.crc32(payload), audioPayload: audioPayload,
            audioChecksum: audioPayload.map { Zlib.crc32($0) })
    }

    /// Inserts the chunk (the caller updates the session row in the same transaction).
    private func insert(_ chunk: CompressedChunk, of session: ActiveSession) throws(SQLiteError) {
        let batch = session.batch
        let values: [SQLiteValue] = [
            .integer(session.id), .integer(session.committedChunks), .integer(batch.firstTime.micros),
            .integer(batch.lastTime.micros), .integer(session.committedEvents), .integer(batch.recordCount),
            .integer(Int64(chunk.rawSize)), .integer(Int64(chunk.checksum)), .integer(session.committedAudio),
            .integer(batch.audioCount), .integer(Int64(batch.audioRawSize)),
            .integer(chunk.audioChecksum.map { Int64($0) }),
        ]
        let checksum = RowChecksum.of(table: "chunks", values)
        try statements.insertChunk.run(
            values + [.blob(chunk.payload), chunk.audioPayload.map { .blob($0) } ?? .null, .integer(Int64(checksum))])
    }

    private func insertPending(of session: ActiveSession) throws(SQLiteError) {
        for mark in session.pendingMarks {
            let values: [SQLiteValue] = [
                .integer(session.id), .integer(mark.time.micros), .integer(mark.eventIndex), .text(mark.kind.rawValue),
                .text(mark.label),
            ]
            try statements.insertMark.run(values + [.integer(Int64(RowChecksum.of(table: "marks", values)))])
        }
        for checkpoint in session.pendingCheckpoints {
            let values: [SQLiteValue] = [
                .integer(session.id), .integer(checkpoint.eventIndex), .integer(checkpoint.time.micros),
                .text(hex16(checkpoint.digest)), checkpoint.state.map { .text(hex16($0.client)) } ?? .null,
                checkpoint.state.map { .text(hex16($0.server)) } ?? .null,
            ]
            try statements.insertCheckpoint.run(
                values + [.integer(Int64(RowChecksum.of(table: "checkpoints", values)))])
        }
    }
}

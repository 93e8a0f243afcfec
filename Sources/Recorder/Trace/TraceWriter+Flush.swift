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
        do {
            try database.transaction(.immediate) { () throws(SQLiteError) in
                if let chunk {
                    try insert(chunk, of: session)
                }
                try insertPending(of: session)
            }
        } catch {
            throw TraceError(error, path: path, database: database)
        }
        if let chunk {
            session.committedChunks += 1
            session.committedEvents += session.batch.recordCount
            session.committedRawBytes += Int64(chunk.rawSize)
            session.committedStoredBytes += Int64(chunk.payload.count)
            session.committedAudio += session.batch.audioCount
            session.committedAudioRawBytes += Int64(session.batch.audioRawSize)
            session.committedAudioStoredBytes += Int64(chunk.audioPayload?.count ?? 0)
            session.batch.removeAll()
        }
        session.pendingMarks.removeAll()
        session.pendingCheckpoints.removeAll()
        active = session
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
        let raw = batch.raw()
        let payload = Zlib.deflate(raw, level: options.compressionLevel)
        let audioPayload =
            batch.audioCount > 0 ? Zlib.deflate(batch.audio.bytes, level: options.audioCompressionLevel) : nil
        return CompressedChunk(
            rawSize: raw.count, payload: payload, checksum: Zlib.crc32(payload), audioPayload: audioPayload,
            audioChecksum: audioPayload.map { Zlib.crc32($0) })
    }

    /// Inserts the chunk and brings the session row's totals up to date in the same
    /// transaction, so the row always describes exactly the committed chunks.
    private func insert(_ chunk: CompressedChunk, of session: ActiveSession) throws(SQLiteError) {
        let batch = session.batch
        try statements.insertChunk.run([
            .integer(session.id), .integer(session.committedChunks), .integer(batch.firstTime.micros),
            .integer(batch.lastTime.micros), .integer(session.committedEvents), .integer(batch.recordCount),
            .integer(Int64(chunk.rawSize)), .blob(chunk.payload), .integer(Int64(chunk.checksum)),
            .integer(session.committedAudio), .integer(batch.audioCount), .integer(Int64(batch.audioRawSize)),
            .integer(chunk.audioChecksum.map { Int64($0) }), chunk.audioPayload.map { .blob($0) } ?? .null,
        ])
        try statements.updateSessionTotals.run([
            .integer(session.committedChunks + 1), .integer(session.committedEvents + batch.recordCount),
            .integer(session.committedRawBytes + Int64(chunk.rawSize)),
            .integer(session.committedStoredBytes + Int64(chunk.payload.count)),
            .integer(session.committedAudio + batch.audioCount),
            .integer(session.committedAudioRawBytes + Int64(batch.audioRawSize)),
            .integer(session.committedAudioStoredBytes + Int64(chunk.audioPayload?.count ?? 0)), .integer(session.id),
        ])
    }

    private func insertPending(of session: ActiveSession) throws(SQLiteError) {
        for mark in session.pendingMarks {
            try statements.insertMark.run([
                .integer(session.id), .integer(mark.time.micros), .integer(mark.eventIndex), .text(mark.kind.rawValue),
                .text(mark.label),
            ])
        }
        for checkpoint in session.pendingCheckpoints {
            try statements.insertCheckpoint.run([
                .integer(session.id), .integer(checkpoint.eventIndex), .integer(checkpoint.time.micros),
                .text(hex16(checkpoint.digest)), checkpoint.state.map { .text(hex16($0.client)) } ?? .null,
                checkpoint.state.map { .text(hex16($0.server)) } ?? .null,
            ])
        }
    }
}

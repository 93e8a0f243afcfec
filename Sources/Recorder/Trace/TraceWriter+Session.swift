import VoiceCore

extension TraceWriter {
    /// The id of the session being recorded, or nil between sessions.
    public var sessionID: Int64? { active?.id }

    /// Records appended to the current session so far (committed and pending); the next record
    /// gets this index.
    public var eventCount: Int64 {
        guard let active else { return 0 }
        return active.committedEvents + active.batch.recordCount
    }

    /// Audio entries appended to the current session so far; the next entry gets this index.
    public var audioCount: Int64 {
        guard let active else { return 0 }
        return active.committedAudio + active.batch.audioCount
    }

    /// Starts a session and returns its id. The previous session must have been finished.
    ///
    /// The session row and its lane setups are inserted in one transaction.
    public func beginSession(_ header: SessionHeader) throws(TraceError) -> Int64 {
        precondition(active == nil, "beginSession while session \(active!.id) is recording in \(path)")
        precondition(header.lanes.count <= TraceSchema.lanesMax, "\(header.lanes.count) lanes in \(path)")
        try checkWAL()
        try checkSize(adding: 0)
        let session: ActiveSession
        do {
            session = try database.transaction(.immediate) { () throws(SQLiteError) -> ActiveSession in
                // The id is chosen here, under the write lock, because the row's checksum covers it.
                let id = try database.integer("SELECT coalesce(max(id), 0) + 1 FROM sessions")
                let session = ActiveSession(id: id, header: header, chunkCapacity: options.chunkRawBytesTarget + 1_024)
                try statements.insertSession.run(session.rowValuesWithChecksum)
                for (lane, setup) in header.lanes.enumerated() {
                    let values: [SQLiteValue] = [.integer(id), .integer(Int64(lane)), .blob(setup.canonicalBytes())]
                    try statements.insertLane.run(values + [.integer(Int64(RowChecksum.of(table: "lanes", values)))])
                }
                return session
            }
        } catch {
            throw TraceError(error, path: path, database: database)
        }
        active = session
        return session.id
    }

    /// Adds one record (an already encoded event) at `time`, committing the batch as a chunk
    /// when it reaches the size or time bound.
    ///
    /// `sides` are appended to the chunk's side columns (`sides[i]` to column `i`, at most
    /// `TraceSchema.sideColumnsMax`), unframed: a record layer that knows how much each record
    /// put there reads them back in lockstep. Columns keep unlike data apart, which deflate
    /// compresses much better than the same bytes interleaved.
    ///
    /// `audio` are audio entries (opaque bytes, numbered per session from 0 in append order, see
    /// `audioCount`) stored with the record, in the same chunk but apart from the records, so
    /// readers that only need records never inflate them.
    ///
    /// `time` must not be before the previous record's. If the commit fails, the batch is kept
    /// (this record included) and the error is thrown; a later call retries the commit.
    /// - Complexity: O(`record.count` + audio bytes), plus a compressed commit every
    ///   `chunkRawBytesTarget` (records and audio together).
    public func append(record: [UInt8], time: Instant, sides: [[UInt8]] = [], audio: [[UInt8]] = [])
        throws(TraceError)
    {
        precondition(sides.count <= TraceSchema.sideColumnsMax, "\(sides.count) side columns")
        guard record.count <= TraceSchema.recordBytesMax else {
            throw .recordTooLarge(bytes: record.count, limit: TraceSchema.recordBytesMax)
        }
        for entry in audio where entry.count > TraceSchema.recordBytesMax {
            throw .recordTooLarge(bytes: entry.count, limit: TraceSchema.recordBytesMax)
        }
        for side in sides where side.count > TraceSchema.recordBytesMax {
            throw .recordTooLarge(bytes: side.count, limit: TraceSchema.recordBytesMax)
        }
        precondition(active != nil, "append without beginSession in \(path)")
        if let lastTime = active!.lastTime {
            precondition(time >= lastTime, "record at \(time) is before the previous one at \(lastTime) in \(path)")
        }
        active!.batch.append(record, at: time, sides: sides)
        for entry in audio { active!.batch.appendAudio(entry) }
        active!.lastTime = time
        let batch = active!.batch
        if batch.rawSize >= options.chunkRawBytesTarget || batch.audioRawSize >= options.chunkAudioBytesTarget
            || batch.spanMicros >= options.chunkSpanMicrosMax
        {
            try flush()
        }
    }

    /// Adds a mark; it is committed with the next chunk (so it never outlives a lost batch).
    public func addMark(_ mark: TraceMark) {
        precondition(active != nil, "addMark without beginSession in \(path)")
        active!.pendingMarks.append(mark)
    }

    /// Adds a digest checkpoint; it is committed with the next chunk.
    public func addCheckpoint(_ checkpoint: TraceCheckpoint) {
        precondition(active != nil, "addCheckpoint without beginSession in \(path)")
        active!.pendingCheckpoints.append(checkpoint)
    }

    /// Commits what is pending, then writes the summary and ends the session.
    public func finishSession(_ summary: SessionSummary) throws(TraceError) {
        precondition(active != nil, "finishSession without beginSession in \(path)")
        try flush()
        var session = active!
        session.summary = summary
        try checkWAL()
        do {
            try database.transaction(.immediate) { () throws(SQLiteError) in
                try updateRow(of: session)
            }
        } catch {
            throw TraceError(error, path: path, database: database)
        }
        // Someone deleted the row under us: say so rather than pretend it was recorded.
        guard database.changes == 1 else { throw .sessionNotFound(session: session.id) }
        active = nil
    }
}

import VoiceCore

extension TraceWriter {
    /// The writer's state for the session being recorded.
    struct ActiveSession {
        let id: Int64
        /// The session row's header columns, as inserted.
        let header: SessionHeader
        /// Set by `finishSession`, then written with the row.
        var summary: SessionSummary?
        /// Records not yet committed.
        var batch: ChunkBuilder
        var pendingMarks: [TraceMark] = []
        var pendingCheckpoints: [TraceCheckpoint] = []
        /// Totals over committed chunks; they match the session row after each commit.
        var committedChunks: Int64 = 0
        var committedEvents: Int64 = 0
        var committedRawBytes: Int64 = 0
        var committedStoredBytes: Int64 = 0
        var committedAudio: Int64 = 0
        var committedAudioRawBytes: Int64 = 0
        var committedAudioStoredBytes: Int64 = 0
        var committedMarks: Int64 = 0
        var committedCheckpoints: Int64 = 0
        /// The latest record time, across chunks, so time never goes backwards in a session.
        var lastTime: Instant?

        init(id: Int64, header: SessionHeader, chunkCapacity: Int) {
            self.id = id
            self.header = header
            batch = ChunkBuilder(capacity: chunkCapacity)
        }
    }
}

extension TraceWriter.ActiveSession {
    /// The session row as it stands after the last commit, in `TraceColumns.sessions` order.
    var rowValues: [SQLiteValue] {
        [
            .integer(id), .text(header.origin.rawValue), .text(header.scenarioName), .text(header.scenarioText),
            .integer(header.seed.map { Int64(bitPattern: $0) }), .text(header.codeVersion),
            .integer(header.started.micros), .text(header.pipeline), .text(header.audioMode.rawValue),
            .text(header.metadataJSON), .integer(committedEvents), .integer(committedChunks),
            .integer(committedRawBytes), .integer(committedStoredBytes), .integer(summary?.ended.micros),
            .text(summary.map { hex16($0.finalDigest) }), .integer(summary?.turnCount),
            .real(summary?.latencyMillisMean), .real(summary?.latencyMillisP95), .integer(summary?.interruptionCount),
            .integer(summary?.reconnectCount), .integer(summary?.lostAudioMillis), .real(summary?.costUSD),
            .integer(committedAudio), .integer(committedAudioRawBytes), .integer(committedAudioStoredBytes),
            .integer(Int64(TraceSchema.version)), .integer(Int64(header.lanes.count)), .integer(committedMarks),
            .integer(committedCheckpoints),
        ]
    }

    /// `rowValues` and their checksum, ready to bind after the SET columns or INSERT columns.
    var rowValuesWithChecksum: [SQLiteValue] {
        let values = rowValues
        return values + [.integer(Int64(RowChecksum.of(table: "sessions", values)))]
    }
}

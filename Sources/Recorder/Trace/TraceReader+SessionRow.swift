import VoiceCore

extension TraceReader {
    /// The `sessions` columns `session(from:)` reads, in its order (`TraceColumns.sessions`).
    static let sessionColumns = TraceColumns.select(TraceColumns.sessions)

    /// Decodes one `sessions` row, checking its checksum, then the values a reader depends on.
    static func session(from row: SQLiteStatement) throws(TraceError) -> TraceSession {
        let id = row.int64(at: 0)
        _ = try row.checkRow(table: "sessions", row: "session \(id)", count: TraceColumns.sessions.count)
        func corrupt(_ reason: String) -> TraceError { .sessionCorrupt(session: id, reason: reason) }
        guard row.int64(at: 26) == Int64(TraceSchema.version) else {
            throw corrupt("schema_version is \(row.int64(at: 26)), the file's is \(TraceSchema.version)")
        }
        guard let origin = SessionHeader.Origin(rawValue: row.string(at: 1) ?? "") else {
            throw corrupt("origin '\(row.string(at: 1) ?? "NULL")' is neither sim nor live")
        }
        guard let audioMode = SessionHeader.AudioMode(rawValue: row.string(at: 8) ?? "") else {
            throw corrupt("audio_mode '\(row.string(at: 8) ?? "NULL")' is neither full nor hash")
        }
        let header = SessionHeader(
            origin: origin, scenarioName: row.string(at: 2), scenarioText: row.string(at: 3),
            seed: row.optionalInt64(at: 4).map { UInt64(bitPattern: $0) }, codeVersion: row.string(at: 5) ?? "",
            started: Instant(micros: row.int64(at: 6)), pipeline: row.string(at: 7) ?? "", audioMode: audioMode,
            metadataJSON: row.string(at: 9))
        let counts = (events: row.int64(at: 10), chunks: row.int64(at: 11))
        guard counts.events >= 0, counts.chunks >= 0, counts.chunks <= counts.events else {
            throw corrupt("event_count \(counts.events) and chunk_count \(counts.chunks) are inconsistent")
        }
        let audioCount = row.int64(at: 23)
        guard audioCount >= 0 else { throw corrupt("audio_count is \(audioCount)") }
        let rowCounts = (lanes: row.int64(at: 27), marks: row.int64(at: 28), checkpoints: row.int64(at: 29))
        guard (0...Int64(TraceSchema.lanesMax)).contains(rowCounts.lanes), rowCounts.marks >= 0,
            rowCounts.checkpoints >= 0
        else {
            throw corrupt("lane_count \(rowCounts.lanes), mark_count \(rowCounts.marks) or checkpoint_count "
                + "\(rowCounts.checkpoints) is out of range")
        }
        return TraceSession(
            id: id, header: header, summary: try summary(from: row, session: id), eventCount: counts.events,
            chunkCount: counts.chunks, rawBytes: row.int64(at: 12), storedBytes: row.int64(at: 13),
            audioCount: audioCount, audioRawBytes: row.int64(at: 24), audioStoredBytes: row.int64(at: 25),
            laneCount: rowCounts.lanes, markCount: rowCounts.marks, checkpointCount: rowCounts.checkpoints)
    }

    /// The session's lane setups, decoded and checked: lanes numbered 0..<count, each a valid
    /// `LaneSetup` (a damaged one is `.sessionCorrupt`, never a machine built from bad values).
    func lanes(session id: Int64, count: Int64) throws(TraceError) -> [LaneSetup] {
        let rows = try ownedRows("lanes", TraceColumns.lanes, session: id, orderBy: "lane") { (row, _) throws(TraceError) in
            _ = try row.checkRow(
                table: "lanes", row: "session \(id) lane \(row.int64(at: 1))", count: TraceColumns.lanes.count)
            return (lane: row.int64(at: 1), setup: row.blob(at: 2))
        }
        guard Int64(rows.count) == count else {
            throw .rowCountMismatch(table: "lanes", session: id, expected: count, found: Int64(rows.count))
        }
        var setups: [LaneSetup] = []
        for row in rows {
            guard row.lane == Int64(setups.count), setups.count < TraceSchema.lanesMax else {
                throw .sessionCorrupt(session: id, reason: "lane \(row.lane) where lane \(setups.count) was expected")
            }
            do {
                setups.append(try LaneSetup.decode(row.setup))
            } catch {
                throw .sessionCorrupt(session: id, reason: "lane \(row.lane) setup: \(error)")
            }
        }
        return setups
    }

    /// The summary columns (from index 14), or nil when `ended_us` is NULL (never finished).
    private static func summary(from row: SQLiteStatement, session id: Int64) throws(TraceError) -> SessionSummary? {
        guard let ended = row.optionalInt64(at: 14) else { return nil }
        let digestText = row.string(at: 15) ?? "NULL"
        guard let digest = UInt64(hexDigits: digestText) else {
            throw .sessionCorrupt(session: id, reason: "final_digest '\(digestText)' is not 16 hex digits")
        }
        return SessionSummary(
            ended: Instant(micros: ended), finalDigest: digest, turnCount: row.int64(at: 16),
            latencyMillisMean: row.optionalDouble(at: 17), latencyMillisP95: row.optionalDouble(at: 18),
            interruptionCount: row.int64(at: 19), reconnectCount: row.int64(at: 20),
            lostAudioMillis: row.int64(at: 21), costUSD: row.double(at: 22))
    }
}

/// The writer's statements, prepared once: a chunk commit then costs no SQL compilation.
struct TraceWriterStatements {
    let insertSession: SQLiteStatement
    let insertChunk: SQLiteStatement
    /// Sets every column but `id` (in `TraceColumns.sessions` order), then `row_checksum`.
    let updateSession: SQLiteStatement
    let insertMark: SQLiteStatement
    let insertCheckpoint: SQLiteStatement
    let insertLane: SQLiteStatement

    init(_ database: SQLiteDatabase) throws(SQLiteError) {
        insertSession = try database.prepare(TraceColumns.insert(into: "sessions", TraceColumns.sessions))
        // The payloads are bound after the checksummed columns, before `row_checksum`.
        insertChunk = try database.prepare(
            TraceColumns.insert(into: "chunks", TraceColumns.chunks + ["payload", "audio_payload"]))
        updateSession = try database.prepare(
            "UPDATE sessions SET "
                + (TraceColumns.sessions.dropFirst() + ["row_checksum"]).map { "\($0) = ?" }.joined(separator: ", ")
                + " WHERE id = ?")
        insertMark = try database.prepare(TraceColumns.insert(into: "marks", TraceColumns.marks))
        insertCheckpoint = try database.prepare(TraceColumns.insert(into: "checkpoints", TraceColumns.checkpoints))
        insertLane = try database.prepare(TraceColumns.insert(into: "lanes", TraceColumns.lanes))
    }
}

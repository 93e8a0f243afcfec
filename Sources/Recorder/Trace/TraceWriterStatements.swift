/// The writer's statements, prepared once: a chunk commit then costs no SQL compilation.
struct TraceWriterStatements {
    let insertSession: SQLiteStatement
    let insertChunk: SQLiteStatement
    let updateSessionTotals: SQLiteStatement
    let insertMark: SQLiteStatement
    let insertCheckpoint: SQLiteStatement
    let insertLane: SQLiteStatement
    let finishSession: SQLiteStatement

    init(_ database: SQLiteDatabase) throws(SQLiteError) {
        insertSession = try database.prepare(
            """
            INSERT INTO sessions (origin, scenario_name, scenario_text, seed, code_version, schema_version,
                                  started_us, pipeline, audio_mode, metadata)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertChunk = try database.prepare(
            """
            INSERT INTO chunks (session_id, chunk_index, first_time_us, last_time_us, first_event_index,
                                event_count, raw_size, payload, checksum, first_audio_index, audio_count,
                                audio_raw_size, audio_checksum, audio_payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateSessionTotals = try database.prepare(
            """
            UPDATE sessions SET chunk_count = ?, event_count = ?, raw_bytes = ?, stored_bytes = ?, audio_count = ?,
                                audio_raw_bytes = ?, audio_stored_bytes = ?
            WHERE id = ?
            """)
        insertMark = try database.prepare(
            "INSERT INTO marks (session_id, time_us, event_index, kind, label) VALUES (?, ?, ?, ?, ?)")
        insertCheckpoint = try database.prepare(
            "INSERT INTO checkpoints (session_id, event_index, time_us, digest, client_state, server_state) "
                + "VALUES (?, ?, ?, ?, ?, ?)")
        insertLane = try database.prepare("INSERT INTO lanes (session_id, lane, setup) VALUES (?, ?, ?)")
        finishSession = try database.prepare(
            """
            UPDATE sessions SET ended_us = ?, final_digest = ?, turns = ?, mean_latency_ms = ?, p95_latency_ms = ?,
                                interruptions = ?, reconnects = ?, lost_audio_ms = ?, cost_usd = ?
            WHERE id = ?
            """)
    }
}

/// The columns each table's `row_checksum` covers, in the order `RowChecksum` encodes them.
///
/// Writers bind, and readers select, exactly these lists (then `row_checksum`), so one
/// declaration keeps both sides in step.
package enum TraceColumns {
    package static let sessions = [
        "id", "origin", "scenario_name", "scenario_text", "seed", "code_version", "started_us", "pipeline",
        "audio_mode", "metadata", "event_count", "chunk_count", "raw_bytes", "stored_bytes", "ended_us",
        "final_digest", "turns", "mean_latency_ms", "p95_latency_ms", "interruptions", "reconnects",
        "lost_audio_ms", "cost_usd", "audio_count", "audio_raw_bytes", "audio_stored_bytes", "schema_version",
        "lane_count", "mark_count", "checkpoint_count",
    ]
    /// Payloads are covered by `checksum` and `audio_checksum`, which are in the list.
    package static let chunks = [
        "session_id", "chunk_index", "first_time_us", "last_time_us", "first_event_index", "event_count",
        "raw_size", "checksum", "first_audio_index", "audio_count", "audio_raw_size", "audio_checksum",
    ]
    package static let lanes = ["session_id", "lane", "setup"]
    package static let marks = ["session_id", "time_us", "event_index", "kind", "label"]
    package static let checkpoints = ["session_id", "event_index", "time_us", "digest", "client_state", "server_state"]

    /// Every table with its checksummed columns.
    package static let tables: [(name: String, columns: [String])] = [
        ("sessions", sessions), ("chunks", chunks), ("lanes", lanes), ("marks", marks), ("checkpoints", checkpoints),
    ]

    /// `a, b, c, row_checksum`, optionally with a table alias (`s.a, …`).
    static func select(_ columns: [String], alias: String? = nil) -> String {
        let prefix = alias.map { "\($0)." } ?? ""
        return (columns + ["row_checksum"]).map { prefix + $0 }.joined(separator: ", ")
    }

    /// `INSERT INTO table (a, b, c, row_checksum) VALUES (?, ?, ?, ?)`.
    static func insert(into table: String, _ columns: [String]) -> String {
        let all = columns + ["row_checksum"]
        return "INSERT INTO \(table) (\(all.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: all.count).joined(separator: ", ") + ")"
    }
}

extension SQLiteStatement {
    /// Columns `offset..<offset + count` as stored, then whether the `row_checksum` column after
    /// them matches; the error names `table` and `row`.
    func checkRow(table: String, row: @autoclosure () -> String, offset: Int32 = 0, count: Int)
        throws(TraceError) -> [SQLiteValue]
    {
        let values = (0..<Int32(count)).map { value(at: offset + $0) }
        let stored = self.value(at: offset + Int32(count))
        let actual = RowChecksum.of(table: table, values)
        guard case .integer(let integer) = stored, let expected = UInt32(exactly: integer), expected == actual else {
            throw .rowChecksumMismatch(table: table, row: row(), stored: stored.checksumDescription, computed: actual)
        }
        return values
    }
}

extension SQLiteValue {
    /// A stored checksum as printed in an error: 8 hex digits, or what is there instead.
    var checksumDescription: String {
        switch self {
        case .integer(let integer): UInt32(exactly: integer).map(hex8) ?? "\(integer)"
        case .null: "NULL"
        case .real(let real): "\(real)"
        case .text(let text): "'\(text)'"
        case .blob(let blob): "a \(blob.count)-byte BLOB"
        }
    }
}

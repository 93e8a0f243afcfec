import CSQLite

/// Read-only SQL over one or more trace files at once (`voicesim query`).
///
/// Each file is checked to be a trace of this schema version, then ATTACHed to an in-memory
/// connection opened read-only (attached files inherit that), as `t0`, `t1`, … . Temporary
/// views named after the trace tables (`sessions`, `marks`, `checkpoints`, `lanes`, `chunks`)
/// union every file's rows behind a leading `trace` column holding the file's path, so one
/// query covers them all; `chunks` leaves out the compressed payloads. The schema-qualified
/// tables (`t0.sessions`) stay reachable.
///
/// Writes are refused twice: a statement that could change a file is rejected before it runs
/// (`sqlite3_stmt_readonly`), and the connection cannot write to the files anyway.
public final class TraceQuery {
    public let paths: [String]
    let database: SQLiteDatabase

    /// The views, with the columns each takes from the trace table of the same name.
    static let views: [(name: String, columns: String)] = [
        ("sessions", "*"),
        ("marks", "*"),
        ("checkpoints", "*"),
        ("lanes", "session_id, lane, length(setup) AS setup_bytes"),
        (
            "chunks",
            "session_id, chunk_index, first_time_us, last_time_us, first_event_index, event_count, raw_size, "
                + "length(payload) AS stored_size, first_audio_index, audio_count, audio_raw_size, "
                + "length(audio_payload) AS audio_stored_size"
        ),
    ]

    /// Opens `paths` (at least one) for querying; a file that is not a trace is refused by name.
    public init(paths: [String]) throws(DebugError) {
        precondition(!paths.isEmpty, "no trace to query")
        for path in paths {
            do {
                _ = try TraceReader(path: path)
            } catch {
                throw .trace(error)
            }
        }
        self.paths = paths
        do {
            database = try SQLiteDatabase(path: ":memory:", flags: [.readOnly, .uri])
            for (index, path) in paths.enumerated() {
                // As `TraceReader` opens: immutable (nothing created beside the file) unless a
                // writer may be active.
                let parameters = SQLiteDatabase.fileExists(path + "-wal") ? ["mode=ro"] : ["mode=ro", "immutable=1"]
                let attach = try database.prepare("ATTACH DATABASE ? AS t\(index)")
                try attach.run([.text(SQLiteDatabase.fileURI(path, parameters))])
            }
            for view in Self.views {
                let parts = paths.indices.map { index in
                    "SELECT \(Self.quoted(paths[index])) AS trace, \(view.columns) FROM t\(index).\(view.name)"
                }
                try database.execute("CREATE TEMP VIEW \(view.name) AS " + parts.joined(separator: " UNION ALL "))
            }
            try database.execute("PRAGMA query_only = 1")
        } catch {
            throw .query("cannot open the traces for querying: \(error)")
        }
    }

    /// Runs one SQL statement and returns its rows; a statement that could write is refused.
    /// - Complexity: whatever SQLite needs for `sql`.
    public func run(_ sql: String) throws(DebugError) -> QueryResult {
        let statement: SQLiteStatement
        do {
            statement = try database.prepare(sql)
        } catch {
            throw .query("bad SQL: \(error)")
        }
        guard statement.isReadOnly else {
            throw .query("refused: voicesim query is read-only, and this statement would modify a database: \(sql)")
        }
        let count = statement.columnCount
        let columns = (0..<count).map(statement.columnName)
        var rows: [[SQLiteValue]] = []
        do {
            while try statement.step() == .row {
                rows.append((0..<count).map(statement.value))
            }
        } catch {
            throw .query("query failed: \(error)")
        }
        return QueryResult(columns: columns, rows: rows)
    }

    /// `text` as an SQL string literal.
    static func quoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "''") + "'"
    }
}

// Owns a SQLite connection (see `SQLiteDatabase`).
@available(*, unavailable)
extension TraceQuery: Sendable {}

import VoiceCore

extension TraceReader {
    /// Every session in the file, by id, with their lane setups.
    public func sessions() throws(TraceError) -> [TraceSession] {
        var sessions = try query("SELECT \(Self.sessionColumns) FROM sessions ORDER BY id", []) {
            (row) throws(TraceError) in try Self.session(from: row)
        }
        for index in sessions.indices {
            sessions[index].header.lanes = try lanes(session: sessions[index].id)
        }
        return sessions
    }

    /// The session with `id` with its lane setups, or `.sessionNotFound`.
    public func session(id: Int64) throws(TraceError) -> TraceSession {
        let found = try query("SELECT \(Self.sessionColumns) FROM sessions WHERE id = ?", [.integer(id)]) {
            (row) throws(TraceError) in try Self.session(from: row)
        }
        guard var session = found.first else { throw .sessionNotFound(session: id) }
        session.header.lanes = try lanes(session: id)
        return session
    }

    /// The session's marks, by time then event index.
    public func marks(session id: Int64) throws(TraceError) -> [TraceMark] {
        try requireSession(id)
        let sql =
            "SELECT time_us, event_index, kind, label FROM marks WHERE session_id = ? "
            + "ORDER BY time_us, event_index, rowid"
        return try query(sql, [.integer(id)]) { (row) throws(TraceError) in
            TraceMark(
                time: Instant(micros: row.int64(at: 0)), eventIndex: row.int64(at: 1),
                kind: TraceMark.Kind(rawValue: row.string(at: 2) ?? ""), label: row.string(at: 3) ?? "")
        }
    }

    /// The session's digest checkpoints, by event index.
    public func checkpoints(session id: Int64) throws(TraceError) -> [TraceCheckpoint] {
        try requireSession(id)
        let sql =
            "SELECT event_index, time_us, digest, client_state, server_state FROM checkpoints "
            + "WHERE session_id = ? ORDER BY event_index"
        return try query(sql, [.integer(id)]) { (row) throws(TraceError) in
            func digest(at column: Int32, _ name: String) throws(TraceError) -> UInt64? {
                guard let text = row.string(at: column) else { return nil }
                guard let value = UInt64(hexDigits: text) else {
                    throw .sessionCorrupt(session: id, reason: "checkpoint \(name) '\(text)' is not 16 hex digits")
                }
                return value
            }
            guard let actions = try digest(at: 2, "digest") else {
                throw .sessionCorrupt(session: id, reason: "checkpoint digest is NULL")
            }
            let client = try digest(at: 3, "client_state")
            let server = try digest(at: 4, "server_state")
            let state = client.flatMap { client in server.map { LaneStateDigest(client: client, server: $0) } }
            return TraceCheckpoint(
                eventIndex: row.int64(at: 0), time: Instant(micros: row.int64(at: 1)), digest: actions, state: state)
        }
    }

    /// Throws `.sessionNotFound` unless the session row exists.
    func requireSession(_ id: Int64) throws(TraceError) {
        let found = try query("SELECT 1 FROM sessions WHERE id = ?", [.integer(id)]) { _ in true }
        guard !found.isEmpty else { throw .sessionNotFound(session: id) }
    }

    /// Runs `sql` with `arguments` and maps each row; SQLite errors are wrapped with the path.
    func query<Row>(
        _ sql: String, _ arguments: [SQLiteValue], _ map: (SQLiteStatement) throws(TraceError) -> Row
    ) throws(TraceError) -> [Row] {
        let statement = try prepare(sql)
        statement.bind(arguments)
        var rows: [Row] = []
        while try step(statement) {
            rows.append(try map(statement))
        }
        return rows
    }

    /// `database.prepare`, with errors wrapped with the path.
    func prepare(_ sql: String) throws(TraceError) -> SQLiteStatement {
        do {
            return try database.prepare(sql)
        } catch {
            throw TraceError(error, path: path, database: database)
        }
    }

    /// Steps `statement`; true when a row is available. Errors are wrapped with the path.
    func step(_ statement: SQLiteStatement) throws(TraceError) -> Bool {
        do {
            return try statement.step() == .row
        } catch {
            throw TraceError(error, path: path, database: database)
        }
    }
}

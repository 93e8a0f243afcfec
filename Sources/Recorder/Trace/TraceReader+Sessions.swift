import VoiceCore

extension TraceReader {
    /// Every session in the file, by id, with their lane setups.
    public func sessions() throws(TraceError) -> [TraceSession] {
        var sessions = try query("SELECT \(Self.sessionColumns) FROM sessions ORDER BY id", []) {
            (row) throws(TraceError) in try Self.session(from: row)
        }
        for index in sessions.indices {
            sessions[index].header.lanes = try lanes(session: sessions[index].id, count: sessions[index].laneCount)
        }
        return sessions
    }

    /// The session with `id` with its lane setups, or `.sessionNotFound`.
    public func session(id: Int64) throws(TraceError) -> TraceSession {
        let found = try query("SELECT \(Self.sessionColumns) FROM sessions WHERE id = ?", [.integer(id)]) {
            (row) throws(TraceError) in try Self.session(from: row)
        }
        guard var session = found.first else { throw .sessionNotFound(session: id) }
        session.header.lanes = try lanes(session: id, count: session.laneCount)
        return session
    }

    /// The session's marks, by time then event index, each checked, as many as the session counts.
    public func marks(session id: Int64) throws(TraceError) -> [TraceMark] {
        try snapshot { () throws(TraceError) in
            let expected = try sessionRowCounts(id).marks
            let marks = try ownedRows(
                "marks", TraceColumns.marks, session: id, orderBy: "time_us, event_index, rowid"
            ) { (row, rowid) throws(TraceError) in
                _ = try row.checkRow(table: "marks", row: "session \(id) mark rowid \(rowid)", count: TraceColumns.marks.count)
                return TraceMark(
                    time: Instant(micros: row.int64(at: 1)), eventIndex: row.int64(at: 2),
                    kind: TraceMark.Kind(rawValue: row.string(at: 3) ?? ""), label: row.string(at: 4) ?? "")
            }
            guard Int64(marks.count) == expected else {
                throw .rowCountMismatch(table: "marks", session: id, expected: expected, found: Int64(marks.count))
            }
            return marks
        }
    }

    /// The session's digest checkpoints, by event index, each checked, as many as the session counts.
    public func checkpoints(session id: Int64) throws(TraceError) -> [TraceCheckpoint] {
        try snapshot { () throws(TraceError) in
            let expected = try sessionRowCounts(id).checkpoints
            let checkpoints = try ownedRows(
                "checkpoints", TraceColumns.checkpoints, session: id, orderBy: "event_index"
            ) { (row, _) throws(TraceError) in
                let eventIndex = row.int64(at: 1)
                _ = try row.checkRow(
                    table: "checkpoints", row: "session \(id) checkpoint at event \(eventIndex)",
                    count: TraceColumns.checkpoints.count)
                func digest(at column: Int32, _ name: String) throws(TraceError) -> UInt64? {
                    guard let text = row.string(at: column) else { return nil }
                    guard let value = UInt64(hexDigits: text) else {
                        throw .sessionCorrupt(session: id, reason: "checkpoint \(name) '\(text)' is not 16 hex digits")
                    }
                    return value
                }
                guard let actions = try digest(at: 3, "digest") else {
                    throw .sessionCorrupt(session: id, reason: "checkpoint digest is NULL")
                }
                let client = try digest(at: 4, "client_state")
                let server = try digest(at: 5, "server_state")
                let state = client.flatMap { client in server.map { LaneStateDigest(client: client, server: $0) } }
                return TraceCheckpoint(
                    eventIndex: eventIndex, time: Instant(micros: row.int64(at: 2)), digest: actions, state: state)
            }
            guard Int64(checkpoints.count) == expected else {
                throw .rowCountMismatch(
                    table: "checkpoints", session: id, expected: expected, found: Int64(checkpoints.count))
            }
            return checkpoints
        }
    }

    /// The session row's mark and checkpoint counts, its checksum checked; `.sessionNotFound`.
    func sessionRowCounts(_ id: Int64) throws(TraceError) -> (marks: Int64, checkpoints: Int64) {
        let session = try checkedSessionRow(id)
        return (session.markCount, session.checkpointCount)
    }

    /// The session row alone (no lanes), its checksum checked; `.sessionNotFound`.
    func checkedSessionRow(_ id: Int64) throws(TraceError) -> TraceSession {
        let found = try query("SELECT \(Self.sessionColumns) FROM sessions WHERE id = ?", [.integer(id)]) {
            (row) throws(TraceError) in try Self.session(from: row)
        }
        guard let session = found.first else { throw .sessionNotFound(session: id) }
        return session
    }

    /// Runs `body` inside one read transaction, so the rows it reads and the session row that
    /// counts them come from the same commit even while a writer appends.
    func snapshot<Value>(_ body: () throws(TraceError) -> Value) throws(TraceError) -> Value {
        let owns = try beginSnapshot()
        defer { if owns { endSnapshot() } }
        return try body()
    }

    /// Begins a read transaction unless one is open; true when it began one (then the caller
    /// ends it with `endSnapshot`).
    func beginSnapshot() throws(TraceError) -> Bool {
        guard database.isAutocommit else { return false }
        do {
            try database.execute("BEGIN DEFERRED TRANSACTION")
        } catch {
            throw TraceError(error, path: path, database: database)
        }
        return true
    }

    /// Ends the read transaction `beginSnapshot` began. A read transaction has nothing to lose,
    /// so a failing COMMIT (there is none in practice) is ignored.
    func endSnapshot() {
        try? database.execute("COMMIT TRANSACTION")
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

extension SQLiteDatabase {
    /// `PRAGMA user_version`: a 32-bit integer in the file header, free for the application.
    /// VoiceSim stores its trace schema version there.
    public var userVersion: Int32 {
        get throws(SQLiteError) { Int32(truncatingIfNeeded: try integer("PRAGMA user_version")) }
    }

    public func setUserVersion(_ version: Int32) throws(SQLiteError) {
        try execute("PRAGMA user_version = \(version)")
    }

    /// `PRAGMA application_id`: a 32-bit integer in the file header naming the file format, so
    /// tools (and `file(1)`) can tell a VoiceSim trace from any other SQLite database.
    public var applicationID: Int32 {
        get throws(SQLiteError) { Int32(truncatingIfNeeded: try integer("PRAGMA application_id")) }
    }

    public func setApplicationID(_ id: Int32) throws(SQLiteError) {
        try execute("PRAGMA application_id = \(id)")
    }

    /// Switches to write-ahead logging: readers do not block the writer, and a crash leaves the
    /// database file consistent (the uncommitted WAL tail is ignored on recovery).
    ///
    /// Must run outside a transaction. Throws if SQLite refuses (e.g. an in-memory database).
    public func enableWAL() throws(SQLiteError) {
        let mode = try text("PRAGMA journal_mode = WAL")
        guard mode?.lowercased() == "wal" else {
            throw SQLiteError(
                code: 1, message: "journal_mode stayed \(mode ?? "NULL"), expected wal", sql: "PRAGMA journal_mode = WAL")
        }
    }
}

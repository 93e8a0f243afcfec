import CSQLite

extension SQLiteDatabase {
    /// Runs one or more SQL statements that return no rows the caller needs (DDL, pragmas, DML
    /// without arguments). Use `prepare` to bind arguments.
    public func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard code == SQLITE_OK else {
            // sqlite3_exec hands back its own copy of the message, which we must free.
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// Compiles one SQL statement.
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(database: self, sql: sql)
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int64 { Int64(sqlite3_changes64(handle)) }

    /// Whether the connection is outside any transaction.
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// The single integer a pragma query returns (e.g. `PRAGMA user_version`).
    public func integer(_ sql: String) throws(SQLiteError) -> Int64 {
        let statement = try prepare(sql)
        guard try statement.step() == .row else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "query returned no row", sql: sql)
        }
        return statement.int64(at: 0)
    }

    /// The single text value a query returns, or nil for NULL.
    public func text(_ sql: String) throws(SQLiteError) -> String? {
        let statement = try prepare(sql)
        guard try statement.step() == .row else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "query returned no row", sql: sql)
        }
        return statement.string(at: 0)
    }
}

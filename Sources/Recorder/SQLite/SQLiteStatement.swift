import CSQLite

/// One compiled SQL statement, owned by this object and finalized when it goes away.
///
/// Bind arguments by 1-based index, `step()` until `.done`, read columns by 0-based index while
/// on a row, and `reset()` to run it again (bindings are kept until rebound).
public final class SQLiteStatement {
    let handle: OpaquePointer
    /// Held strongly so the connection is never closed under a live statement.
    let database: SQLiteDatabase
    public let sql: String

    init(database: SQLiteDatabase, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        // The tail pointer points into the C string, so it is inspected while that string lives.
        let (code, hasTrailingSQL) = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(database.handle, text, -1, 0, &statement, &tail)
            let rest = tail.map { String(cString: $0) } ?? ""
            return (code, !rest.allSatisfy(\.isWhitespace))
        }
        guard code == SQLITE_OK else {
            throw SQLiteError(connection: database.handle, code: sqlite3_extended_errcode(database.handle), sql: sql)
        }
        guard let statement else {
            // SQLite returns no statement for empty SQL or only a comment: a bug in our SQL.
            throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement", sql: sql)
        }
        if hasTrailingSQL {
            // Anything after the first statement would be silently ignored; `execute` runs scripts.
            sqlite3_finalize(statement)
            throw SQLiteError(code: SQLITE_MISUSE, message: "more than one statement", sql: sql)
        }
        handle = statement
        self.database = database
        self.sql = sql
    }

    deinit {
        // finalize reports the error of the last step again; that was already thrown by step().
        sqlite3_finalize(handle)
    }
}

// A statement belongs to one connection, which is confined to one thread at a time.
@available(*, unavailable)
extension SQLiteStatement: Sendable {}

import CSQLite

extension SQLiteStatement {
    /// What one `step()` produced.
    public enum StepResult: Sendable {
        /// A row is available through the column getters until the next step or reset.
        case row
        /// The statement has run to completion.
        case done
    }

    /// Runs the statement to its next row or to completion.
    public func step() throws(SQLiteError) -> StepResult {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return .row
        case SQLITE_DONE: return .done
        case let code:
            throw SQLiteError(connection: database.handle, code: code, sql: sql)
        }
    }

    /// Binds `values`, runs a statement that returns no rows, and resets it for the next use.
    public func run(_ values: [SQLiteValue]) throws(SQLiteError) {
        bind(values)
        defer { try? reset() }  // step already threw the error that matters
        guard try step() == .done else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "statement returned a row", sql: sql)
        }
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    ///
    /// Throws the error of the last step again if that step failed (sqlite3_reset's contract).
    public func reset() throws(SQLiteError) {
        let code = sqlite3_reset(handle)
        guard code == SQLITE_OK else { throw SQLiteError(connection: database.handle, code: code, sql: sql) }
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        // sqlite3_clear_bindings always returns SQLITE_OK.
        _ = sqlite3_clear_bindings(handle)
    }
}

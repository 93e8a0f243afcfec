import CSQLite

extension SQLiteDatabase {
    /// How a transaction takes its locks.
    public enum TransactionKind: String, Sendable {
        /// Takes locks on first use. For reads.
        case deferred = "DEFERRED"
        /// Takes the write lock at BEGIN, so a writer waits (busy timeout) at the start instead
        /// of failing with SQLITE_BUSY halfway when another connection wrote first.
        case immediate = "IMMEDIATE"
    }

    /// Runs `body` inside BEGIN … COMMIT; if `body` or COMMIT throws, rolls back and rethrows.
    ///
    /// Transactions do not nest: calling this inside another transaction is a bug.
    public func transaction<Result>(
        _ kind: TransactionKind = .immediate, _ body: () throws(SQLiteError) -> Result
    ) throws(SQLiteError) -> Result {
        precondition(isAutocommit, "nested transaction on \(path)")
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
        do {
            let result = try body()
            try execute("COMMIT TRANSACTION")
            return result
        } catch {
            rollbackQuietly()
            throw error
        }
    }

    /// Rolls back if a transaction is still open.
    ///
    /// Some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, …) make SQLite roll back on its own;
    /// then there is nothing left to roll back. A failing ROLLBACK is ignored: the caller is
    /// already reporting the error that caused it, which is the useful one.
    private func rollbackQuietly() {
        guard !isAutocommit else { return }
        _ = sqlite3_exec(handle, "ROLLBACK TRANSACTION", nil, nil, nil)
    }
}

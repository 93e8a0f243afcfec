import CSQLite

/// One sqlite3 connection, owned by this object and closed when it goes away.
///
/// In the spirit of GRDB's `Database`, but only what the trace store needs: run SQL, prepare
/// statements, transactions, a few pragmas. Every return code is checked and turned into a
/// `SQLiteError` that carries SQLite's message and the SQL.
public final class SQLiteDatabase {
    /// The connection. Statements keep their database alive, so it outlives them.
    let handle: OpaquePointer
    /// The path given to `init` (or its `displayPath`), kept for error messages.
    public let path: String

    /// Opens (and with `.create`, creates) the database at `path`.
    ///
    /// Opening is lazy in SQLite: a file that is not a database is only detected by the first
    /// read (`SQLITE_NOTADB`). A busy timeout is set so that concurrent writers wait for each
    /// other's short transactions instead of failing at once.
    /// `displayPath` is the name used in messages when `path` is a URI.
    public init(
        path: String, flags: SQLiteOpenFlags, busyTimeoutMillis: Int32 = 5_000, displayPath: String? = nil
    ) throws(SQLiteError) {
        var connection: OpaquePointer?
        // NOMUTEX: a connection is confined to its owner (it is not Sendable), so SQLite's own
        // per-connection mutex would be pure overhead.
        let code = FileSystemPath.withCString(path) {
            sqlite3_open_v2($0, &connection, flags.rawValue | SQLITE_OPEN_NOMUTEX, nil)
        }
        guard let connection else {
            // Only when SQLite cannot even allocate the connection object.
            throw SQLiteError(code: code, message: "cannot allocate a connection for \(path)", sql: nil)
        }
        guard code == SQLITE_OK else {
            // A failed open still allocates a handle; read the message first, then free it.
            let error = SQLiteError(connection: connection, code: sqlite3_extended_errcode(connection), sql: nil)
            sqlite3_close_v2(connection)
            throw error
        }
        handle = connection
        self.path = displayPath ?? path
        sqlite3_extended_result_codes(connection, 1)
        let timeoutCode = sqlite3_busy_timeout(connection, busyTimeoutMillis)
        guard timeoutCode == SQLITE_OK else {
            let error = SQLiteError(connection: connection, code: timeoutCode, sql: nil)
            sqlite3_close_v2(connection)
            throw error
        }
    }

    deinit {
        // close_v2 never fails for a valid handle: statements still alive (there are none, since
        // each holds a strong reference to us) would turn the connection into a zombie instead.
        sqlite3_close_v2(handle)
    }
}

// The connection is confined to one owner at a time, with SQLITE_OPEN_NOMUTEX; sharing it
// across threads would race inside sqlite3.
@available(*, unavailable)
extension SQLiteDatabase: Sendable {}

import CSQLite

/// A failed sqlite3 call: the result code, SQLite's own message, and the SQL that was running.
///
/// The message is read with `sqlite3_errmsg` right after the failing call, before any other
/// call on the connection can overwrite it. Bound arguments are never included: they may hold
/// private data (transcripts, audio).
public struct SQLiteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The extended result code (e.g. `SQLITE_CORRUPT_VTAB`); `primaryCode` drops the extension.
    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }
}

extension SQLiteError {
    /// The primary result code (`SQLITE_CORRUPT`, `SQLITE_NOTADB`, …), which is what callers match on.
    public var primaryCode: Int32 { code & 0xFF }

    /// `SQLite error 11: database disk image is malformed - while executing `SELECT …``
    public var description: String {
        "SQLite error \(primaryCode): \(message)" + (sql.map { " - while executing `\($0)`" } ?? "")
    }

    /// The error of the last call on `connection`.
    init(connection: OpaquePointer, code: Int32, sql: String?) {
        self.init(code: code, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}

import CSQLite

/// How `SQLiteDatabase` opens its file; a subset of the `SQLITE_OPEN_*` flags.
public struct SQLiteOpenFlags: OptionSet, Sendable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }
}

extension SQLiteOpenFlags {
    /// Reading only; the file must exist.
    public static let readOnly = SQLiteOpenFlags(rawValue: SQLITE_OPEN_READONLY)
    /// Reading and writing; the file must exist unless `.create` is also given.
    public static let readWrite = SQLiteOpenFlags(rawValue: SQLITE_OPEN_READWRITE)
    /// Create the file if it does not exist (only with `.readWrite`).
    public static let create = SQLiteOpenFlags(rawValue: SQLITE_OPEN_CREATE)
    /// The path is a `file:` URI (`SQLiteDatabase.fileURI`), so it can carry query parameters.
    public static let uri = SQLiteOpenFlags(rawValue: SQLITE_OPEN_URI)
}

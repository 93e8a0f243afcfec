import CSQLite

extension SQLiteStatement {
    // Column getters are valid only right after `step()` returned `.row`. SQLite converts between
    // storage classes as documented (NULL reads as 0, "" or an empty blob), so callers that care
    // about NULL ask `isNull` first.

    /// The number of columns in each row.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public func isNull(at index: Int32) -> Bool {
        sqlite3_column_type(handle, index) == SQLITE_NULL
    }

    public func int64(at index: Int32) -> Int64 {
        sqlite3_column_int64(handle, index)
    }

    public func double(at index: Int32) -> Double {
        sqlite3_column_double(handle, index)
    }

    /// The column as text, or nil when it is NULL.
    public func string(at index: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, index))
        // Decode with the byte count, not cString: text may contain NUL.
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column as bytes (empty for NULL or an empty blob).
    public func blob(at index: Int32) -> [UInt8] {
        // Ask for the pointer first, then the size: that is the order SQLite documents as safe.
        guard let bytes = sqlite3_column_blob(handle, index) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, index))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The column as an optional integer.
    public func optionalInt64(at index: Int32) -> Int64? {
        isNull(at: index) ? nil : int64(at: index)
    }

    /// The column as an optional double.
    public func optionalDouble(at index: Int32) -> Double? {
        isNull(at: index) ? nil : double(at: index)
    }
}

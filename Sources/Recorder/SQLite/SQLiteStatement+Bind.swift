import CSQLite

extension SQLiteStatement {
    // A failing bind can only mean a wrong index or a value beyond SQLITE_MAX_LENGTH (1 GB),
    // both bugs in our own code (records are bounded far below), so it traps like GRDB does
    // instead of making every caller handle an impossible error.

    /// Binds an integer to the 1-based parameter `index`.
    public func bind(_ value: Int64, at index: Int32) {
        check(sqlite3_bind_int64(handle, index, value), index)
    }

    public func bind(_ value: Double, at index: Int32) {
        check(sqlite3_bind_double(handle, index, value), index)
    }

    /// Binds UTF-8 text with its byte length, so a NUL inside it survives (a C-string bind would
    /// cut the text there); SQLite copies it (SQLITE_TRANSIENT), so the Swift string may go away.
    public func bind(_ value: String, at index: Int32) {
        var text = value
        let code = text.withUTF8 { bytes in
            // A NULL pointer would bind NULL, so empty text gets a pointer to a zero-length buffer.
            withUnsafePointer(to: 0 as UInt8) { empty in
                bytes.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text64(handle, index, $0, UInt64(bytes.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                    }
                } ?? empty.withMemoryRebound(to: CChar.self, capacity: 1) {
                    sqlite3_bind_text64(handle, index, $0, 0, csqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        }
        check(code, index)
    }

    /// Binds bytes as a BLOB (an empty array binds an empty blob, not NULL).
    public func bind(blob: [UInt8], at index: Int32) {
        let code = blob.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                // A NULL pointer would store NULL; a zero-length zeroblob is the empty BLOB.
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return sqlite3_bind_blob64(handle, index, base, UInt64(buffer.count), csqlite_transient())
        }
        check(code, index)
    }

    public func bindNull(at index: Int32) {
        check(sqlite3_bind_null(handle, index), index)
    }

    /// Binds each value in order, starting at parameter 1.
    public func bind(_ values: [SQLiteValue]) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let integer): bind(integer, at: index)
            case .real(let real): bind(real, at: index)
            case .text(let text): bind(text, at: index)
            case .blob(let bytes): bind(blob: bytes, at: index)
            case .null: bindNull(at: index)
            }
        }
    }

    private func check(_ code: Int32, _ index: Int32) {
        guard code == SQLITE_OK else {
            let error = SQLiteError(connection: database.handle, code: code, sql: sql)
            fatalError("binding parameter \(index): \(error)")
        }
    }
}

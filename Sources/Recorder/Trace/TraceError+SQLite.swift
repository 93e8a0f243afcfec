import CSQLite

extension TraceError {
    /// Turns a SQLite failure on the trace at `path` into the most specific `TraceError`.
    ///
    /// "file is not a database" becomes `.notATrace`; a malformed file whose header promises
    /// more bytes than it has becomes `.truncatedFile`; anything else stays `.sqlite`.
    init(_ error: SQLiteError, path: String, database: SQLiteDatabase?) {
        let suspicious = error.primaryCode == SQLITE_CORRUPT || error.primaryCode == SQLITE_NOTADB
        if suspicious, let sizes = database?.mainFileSizes(), sizes.hasSQLiteMagic {
            let headerBytes = sizes.headerBytes ?? 100
            if sizes.fileBytes < headerBytes {
                self = .truncatedFile(path: path, expectedBytes: headerBytes, actualBytes: sizes.fileBytes)
                return
            }
        }
        if error.primaryCode == SQLITE_CANTOPEN {
            self = .cannotOpen(path: path, reason: "\(error.message) (missing, a directory, or no permission)")
            return
        }
        if error.primaryCode == SQLITE_NOTADB {
            self = .notATrace(path: path, reason: "not an SQLite database (\(error.message))")
        } else {
            self = .sqlite(path: path, error)
        }
    }
}

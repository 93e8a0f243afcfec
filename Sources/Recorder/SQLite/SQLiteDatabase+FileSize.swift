import CSQLite

/// The sizes a database file claims and has, read straight from its VFS file.
public struct SQLiteFileSizes: Equatable, Sendable {
    /// Whether the file starts with "SQLite format 3\0".
    public var hasSQLiteMagic: Bool
    /// Page count × page size from the header, or nil when the header's count is not valid
    /// (then SQLite itself falls back to the file size).
    public var headerBytes: Int64?
    public var fileBytes: Int64
}

extension SQLiteDatabase {
    /// Reads the main file's header and size through SQLite's own open file handle.
    ///
    /// For diagnosing SQLITE_CORRUPT/SQLITE_NOTADB: a file cut short has a header promising more
    /// pages than exist, and saying so is more useful than "database disk image is malformed".
    /// Going through the VFS (not the file system) reads exactly the file SQLite opened.
    /// Returns nil if the handle or the read is unavailable.
    public func mainFileSizes() -> SQLiteFileSizes? {
        var pointer: UnsafeMutableRawPointer?
        guard sqlite3_file_control(handle, "main", SQLITE_FCNTL_FILE_POINTER, &pointer) == SQLITE_OK,
            let file = pointer?.assumingMemoryBound(to: sqlite3_file.self),
            let methods = file.pointee.pMethods,
            let fileSize = methods.pointee.xFileSize, let read = methods.pointee.xRead
        else { return nil }
        var size: sqlite3_int64 = 0
        guard fileSize(file, &size) == SQLITE_OK else { return nil }
        var header = [UInt8](repeating: 0, count: 100)
        let code = header.withUnsafeMutableBytes { read(file, $0.baseAddress, 100, 0) }
        // A short read zero-fills the rest, which the checks below then reject.
        guard code == SQLITE_OK || code == sqliteIOErrorShortRead else { return nil }
        let magic = Array("SQLite format 3".utf8) + [0]
        return SQLiteFileSizes(
            hasSQLiteMagic: Array(header[0..<16]) == magic, headerBytes: Self.headerBytes(header), fileBytes: size)
    }

    /// Page count × page size, when the header's page count is valid: nonzero, and its
    /// "version-valid-for" (offset 92) equals the change counter (offset 24), the same rule
    /// SQLite applies.
    private static func headerBytes(_ header: [UInt8]) -> Int64? {
        func bigEndian(_ offset: Int, _ count: Int) -> Int64 {
            header[offset..<(offset + count)].reduce(0) { $0 << 8 | Int64($1) }
        }
        let pageSizeField = bigEndian(16, 2)
        let pageSize = pageSizeField == 1 ? 65_536 : pageSizeField
        let pageCount = bigEndian(28, 4)
        guard pageCount > 0, pageSize >= 512, bigEndian(24, 4) == bigEndian(92, 4) else { return nil }
        return pageCount * pageSize
    }
}

/// SQLITE_IOERR_SHORT_READ, a macro Swift cannot import.
private let sqliteIOErrorShortRead: Int32 = SQLITE_IOERR | (2 << 8)

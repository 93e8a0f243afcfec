extension TraceWriter {
    /// Refuses to write to a trace whose `-wal` is gone while its `-shm` is still there.
    ///
    /// SQLite never leaves that state behind (it makes the `-wal` before the `-shm` and removes
    /// the `-shm` first); someone deleted the log. If a recorder still writes to it, a new
    /// connection would start an empty log that the shared index does not match, and a
    /// checkpoint could then overwrite the file's pages with garbage: refusing is what keeps
    /// the trace.
    static func refuseLostWAL(path: String) throws(TraceError) {
        if FileIdentity(path: path + "-shm") != nil && FileIdentity(path: path + "-wal") == nil {
            throw .walLost(path: path)
        }
    }

    /// Checked before every commit: the `-wal` is still the file this connection writes to.
    ///
    /// When it was deleted or replaced, nothing more is written; what was committed stays in
    /// the log this connection still holds open, and SQLite moves it into the file when the
    /// last connection closes.
    func checkWAL() throws(TraceError) {
        let current = FileIdentity(path: path + "-wal")
        guard let walIdentity else {
            self.walIdentity = current
            return
        }
        guard current == walIdentity else { throw .walLost(path: path) }
    }

    /// Checked before every commit: the trace and its `-wal` stay within `Options.bytesMax`
    /// with `bytes` more (the chunk's payloads, plus SQLite's page overhead).
    func checkSize(adding bytes: Int64) throws(TraceError) {
        guard let bytesMax = options.bytesMax else { return }
        let current = FileIdentity.bytes(path) + FileIdentity.bytes(path + "-wal")
        // Each 4 KiB page goes into the log as a frame with a 24-byte header, and a commit
        // rewrites the b-tree pages above the new rows and the session row's page.
        let estimate = bytes + bytes / 64 + 4 * TraceWriter.pageBytes
        guard current + estimate <= bytesMax else {
            throw .sizeLimit(path: path, bytesMax: bytesMax, bytes: current)
        }
    }

    /// SQLite's default page size, which traces use.
    static let pageBytes: Int64 = 4_096
}

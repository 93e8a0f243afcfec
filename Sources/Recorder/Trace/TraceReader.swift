/// Reads a trace database, verifying everything it returns.
///
/// Opening checks that the file is a VoiceSim trace of this schema version. Reading a session's
/// records checks every chunk (contiguous indices, event indices, checksum, inflate, sizes,
/// framing, times) and reports the first problem as a `TraceError` naming session and chunk.
/// Corrupt, truncated or foreign files give errors, never traps.
public final class TraceReader {
    /// The path given to `init`.
    public let path: String
    let database: SQLiteDatabase

    /// Opens the trace at `path` read-only.
    ///
    /// Throws `.notATrace` for a file that is not SQLite or not a trace, `.schemaVersion` for
    /// another version, `.truncatedFile` for a cut-off file, `.sqlite` for anything else.
    public init(path: String) throws(TraceError) {
        self.path = path
        database = try TraceSchema.openForReading(path: path)
    }
}

// Owns a SQLite connection (see `SQLiteDatabase`).
@available(*, unavailable)
extension TraceReader: Sendable {}

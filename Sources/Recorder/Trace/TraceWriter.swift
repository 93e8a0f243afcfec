import VoiceCore

/// Records sessions into a trace database, one session at a time, in compressed chunks.
///
/// Records are buffered into a chunk that is compressed and committed in its own transaction
/// when it reaches `Options.chunkRawBytesTarget` or spans `Options.chunkSpanMicrosMax` of trace
/// time. A crash at any point loses at most the chunk being filled (plus marks and checkpoints
/// added since the last commit) and leaves a database that passes `PRAGMA integrity_check`.
///
/// Dropping the writer without `finishSession` is treated like a crash, on purpose: the
/// unflushed batch is discarded and the session stays unfinished (`ended_us` NULL), because
/// `deinit` cannot report a failed write. Call `finishSession` (or `flush`) to keep everything.
///
/// Several writers (e.g. one per live call) may share one file; each commit takes the write
/// lock briefly and waits for the others (busy timeout).
///
/// Before every commit a writer checks that its `-wal` is still the file it writes to (a
/// deleted log stops it: `.walLost`) and, with `Options.bytesMax`, that the commit keeps the
/// file within the limit (`.sizeLimit`); either leaves the session as committed so far.
public final class TraceWriter {
    /// The path given to `init`.
    public let path: String
    public let options: Options
    let database: SQLiteDatabase
    let statements: TraceWriterStatements
    /// The session being recorded, if any.
    var active: ActiveSession?
    /// The `-wal` this writer's connection writes to; checked before every commit.
    var walIdentity: FileIdentity?

    /// Opens the trace at `path`, creating it (and its schema) if it does not exist or is empty.
    ///
    /// Refuses, without modifying it, a file that is not a VoiceSim trace (`.notATrace`) or was
    /// written with another schema version (`.schemaVersion`).
    public init(path: String, options: Options = Options()) throws(TraceError) {
        precondition(
            options.chunkRawBytesTarget > 0 && options.chunkAudioBytesTarget > 0 && options.chunkSpanMicrosMax >= 0,
            "invalid \(options)")
        self.path = path
        self.options = options
        try TraceWriter.refuseLostWAL(path: path)
        database = try TraceSchema.openForWriting(path: path)
        walIdentity = FileIdentity(path: path + "-wal")
        do {
            statements = try TraceWriterStatements(database)
        } catch {
            throw TraceError(error, path: path, database: database)
        }
        active = nil
    }
}

// Owns a SQLite connection (see `SQLiteDatabase`).
@available(*, unavailable)
extension TraceWriter: Sendable {}

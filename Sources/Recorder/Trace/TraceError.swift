/// Why a trace could not be written or read. Each case names what it can: file, session, chunk.
///
/// Corrupted, truncated and foreign files always end in one of these, never in a trap.
public enum TraceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is not a VoiceSim trace (not SQLite, or another application's database).
    case notATrace(path: String, reason: String)
    /// The file cannot be opened: it does not exist, or is not readable (or writable, for a writer).
    case cannotOpen(path: String, reason: String)
    /// The trace was written with another schema version.
    case schemaVersion(path: String, found: Int32, expected: Int32)
    /// The file is shorter than its own header says: it was cut off (copy, disk full, …).
    case truncatedFile(path: String, expectedBytes: Int64, actualBytes: Int64)
    /// SQLite failed (I/O, corruption, lock timeout, …).
    case sqlite(path: String, SQLiteError)
    case sessionNotFound(session: Int64)
    /// The session row itself is inconsistent (bad value, counts not matching its chunks).
    case sessionCorrupt(session: Int64, reason: String)
    /// Chunk `expected` is absent; `found` is the next chunk present (nil: none).
    case chunkMissing(session: Int64, expected: Int64, found: Int64?)
    /// The chunk does not start at the event index its predecessors end at.
    case chunkEventIndexMismatch(session: Int64, chunk: Int64, expected: Int64, found: Int64)
    /// The stored payload's CRC-32 differs from the stored checksum.
    case chunkChecksumMismatch(session: Int64, chunk: Int64, expected: UInt32, actual: UInt32)
    /// The chunk's payload or columns are wrong in some other way (inflate, sizes, framing, times).
    case chunkCorrupt(session: Int64, chunk: Int64, reason: String)
    /// `append` was given a record above `TraceSchema.recordBytesMax`.
    case recordTooLarge(bytes: Int, limit: Int)
    /// A record passed its chunk's checks but its contents do not decode as an event (a
    /// recorder bug, or damage made to look valid).
    case recordCorrupt(session: Int64, eventIndex: Int64, reason: String)
    /// What was to be recorded cannot be (e.g. a lane setup the decoder would refuse).
    case unrecordable(reason: String)
    /// A row's `row_checksum` does not match its columns: the file was damaged (or edited)
    /// after it was written. `row` says which (e.g. "session 3 chunk 12").
    case rowChecksumMismatch(table: String, row: String, stored: String, computed: UInt32)
    /// A table holds more or fewer rows for the session than the session row counts.
    case rowCountMismatch(table: String, session: Int64, expected: Int64, found: Int64)
    /// The session's stored summary disagrees with what replaying its events computes, though
    /// every action matched: the stored column is wrong.
    case summaryMismatch(session: Int64, column: String, stored: String, replayed: String)
    /// The file's tables are not the ones this schema version creates.
    case schemaMismatch(path: String, reason: String)
    /// The file holds what no session owns, or SQLite's own structure is damaged.
    case fileCorrupt(path: String, reason: String)
    /// The trace's `-wal` was deleted or replaced while a recorder may still be writing to it:
    /// writing now could destroy the file, so nothing more is written.
    case walLost(path: String)
    /// Committing the next chunk would take the trace and its `-wal` past `bytesMax`.
    case sizeLimit(path: String, bytesMax: Int64, bytes: Int64)
}

extension TraceError {
    public var description: String {
        switch self {
        case .notATrace(let path, let reason): "\(path) is not a VoiceSim trace: \(reason)"
        case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
        case .schemaVersion(let path, let found, let expected):
            "\(path) has trace schema version \(found), this build reads version \(expected)"
        case .truncatedFile(let path, let expected, let actual):
            "\(path) is truncated: its header says \(expected) bytes, the file has \(actual)"
        case .sqlite(let path, let error): "\(path): \(error)"
        case .sessionNotFound(let session): "session \(session) not found"
        case .sessionCorrupt(let session, let reason): "session \(session) is corrupt: \(reason)"
        case .chunkMissing(let session, let expected, let found):
            "session \(session): chunk \(expected) is missing"
                + (found.map { " (next chunk present is \($0))" } ?? " (no later chunk)")
        case .chunkEventIndexMismatch(let session, let chunk, let expected, let found):
            "session \(session) chunk \(chunk): starts at event \(found), expected \(expected)"
        case .chunkChecksumMismatch(let session, let chunk, let expected, let actual):
            "session \(session) chunk \(chunk): checksum mismatch, stored \(hex8(expected)), computed \(hex8(actual))"
        case .chunkCorrupt(let session, let chunk, let reason):
            "session \(session) chunk \(chunk) is corrupt: \(reason)"
        case .recordTooLarge(let bytes, let limit): "record of \(bytes) bytes exceeds the limit of \(limit)"
        case .recordCorrupt(let session, let eventIndex, let reason):
            "session \(session) event \(eventIndex) is corrupt: \(reason)"
        case .unrecordable(let reason): "cannot record: \(reason)"
        case .rowChecksumMismatch(let table, let row, let stored, let computed):
            "damaged trace: table \(table), \(row): row checksum mismatch, stored \(stored), computed "
                + "\(hex8(computed)) (a column was changed after it was written)"
        case .rowCountMismatch(let table, let session, let expected, let found):
            "damaged trace: table \(table), session \(session): \(found) rows, the session row counts \(expected)"
        case .summaryMismatch(let session, let column, let stored, let replayed):
            "damaged trace: table sessions, session \(session): \(column) is stored as \(stored), but its events "
                + "replay to \(replayed)"
        case .schemaMismatch(let path, let reason): "\(path) is damaged: its schema differs from a trace's: \(reason)"
        case .fileCorrupt(let path, let reason): "\(path) is damaged: \(reason)"
        case .walLost(let path):
            "\(path)-wal, the write-ahead log of a recording, was deleted or replaced (\(path)-shm is still there); "
                + "refusing to write, which could destroy the trace. If no recorder is running, remove \(path)-shm"
        case .sizeLimit(let path, let bytesMax, let bytes):
            "\(path) would grow past its limit of \(bytesMax >> 20) MiB with the next chunk "
                + "(\(bytes >> 10) KiB now); recording stopped, the session is kept up to its last chunk"
        }
    }
}

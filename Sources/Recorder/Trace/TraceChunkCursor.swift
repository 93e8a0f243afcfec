/// Iterates a session's chunks in order, verifying each one (see `TraceReader.chunks(session:)`).
///
/// All rows come from one SQLite statement, hence one consistent snapshot, even while a writer
/// is appending to the same session. One chunk is in memory at a time. After an error, or
/// after the end, `next()` returns nil.
public final class TraceChunkCursor {
    public let sessionID: Int64
    let reader: TraceReader
    let statement: SQLiteStatement
    var verifier: ChunkVerifier
    /// The session row's event count, from the same snapshot as the chunks.
    let eventCount: Int64
    /// Whether `statement` is positioned on a chunk row not yet returned.
    var hasRow: Bool
    var isDone = false

    init(reader: TraceReader, session: Int64) throws(TraceError) {
        sessionID = session
        self.reader = reader
        statement = try reader.prepare(Self.sql)
        statement.bind([.integer(session)])
        guard try reader.step(statement) else { throw .sessionNotFound(session: session) }
        verifier = ChunkVerifier(session: session, chunkCount: statement.int64(at: 0))
        eventCount = statement.int64(at: 1)
        hasRow = !statement.isNull(at: 2)
    }
}

extension TraceChunkCursor {
    /// The join returns the session columns on every row, and exactly one row with NULL chunk
    /// columns when the session has no chunks; no row at all means no such session.
    static let sql = """
        SELECT s.chunk_count, s.event_count, c.chunk_index, c.first_time_us, c.last_time_us, c.first_event_index,
               c.event_count, c.raw_size, c.checksum, c.payload
        FROM sessions AS s LEFT JOIN chunks AS c ON c.session_id = s.id
        WHERE s.id = ?
        ORDER BY c.chunk_index
        """

    /// The next verified chunk, or nil after the last one.
    ///
    /// At the end, also checks that the chunks add up to the session row's chunk and event
    /// counts, so a deleted last chunk is found too.
    public func next() throws(TraceError) -> TraceChunk? {
        guard !isDone else { return nil }
        do {
            let chunk = try advance()
            isDone = chunk == nil
            return chunk
        } catch {
            isDone = true
            throw error
        }
    }

    private func advance() throws(TraceError) -> TraceChunk? {
        guard hasRow else {
            try verifier.checkEnd()
            guard verifier.expectedEventIndex == eventCount else {
                throw .sessionCorrupt(
                    session: sessionID,
                    reason: "its chunks hold \(verifier.expectedEventIndex) events, event_count says \(eventCount)")
            }
            return nil
        }
        let chunk = try verifier.verify(ChunkRow(statement, offset: 2))
        hasRow = try reader.step(statement)
        return chunk
    }
}

// Holds a statement of a connection that is not Sendable.
@available(*, unavailable)
extension TraceChunkCursor: Sendable {}

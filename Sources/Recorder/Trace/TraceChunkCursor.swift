/// Iterates a session's chunks in order, verifying each one (see `TraceReader.chunks(session:)`).
///
/// All rows come from one SQLite statement, hence one consistent snapshot, even while a writer
/// is appending to the same session. One chunk is in memory at a time. After an error, or
/// after the end, `next()` returns nil.
public final class TraceChunkCursor {
    public let sessionID: Int64
    /// Whether chunks come with their audio entries (`TraceChunk.audio`).
    public let withAudio: Bool
    let reader: TraceReader
    let statement: SQLiteStatement
    var verifier: ChunkVerifier
    /// The session row's event and audio counts, from the same snapshot as the chunks.
    let eventCount: Int64
    let audioCount: Int64
    /// Whether `statement` is positioned on a chunk row not yet returned.
    var hasRow: Bool
    var isDone = false

    init(reader: TraceReader, session: Int64, withAudio: Bool) throws(TraceError) {
        sessionID = session
        self.withAudio = withAudio
        self.reader = reader
        statement = try reader.prepare(Self.sql)
        statement.bind([.integer(session)])
        guard try reader.step(statement) else { throw .sessionNotFound(session: session) }
        let row = try TraceReader.session(from: statement)
        verifier = ChunkVerifier(session: session, chunkCount: row.chunkCount)
        eventCount = row.eventCount
        audioCount = row.audioCount
        hasRow = !statement.isNull(at: Self.chunkOffset)
    }
}

extension TraceChunkCursor {
    /// Where the chunk columns start: after the session row and its checksum.
    static let chunkOffset = Int32(TraceColumns.sessions.count + 1)

    /// The join returns the (checksummed) session columns on every row, and exactly one row with
    /// NULL chunk columns when the session has no chunks; no row at all means no such session.
    ///
    /// The audio payload is always read, so its CRC-32 is checked even when its entries are not
    /// wanted (inflating and decoding them is what `withAudio` adds).
    static let sql = """
        SELECT \(TraceColumns.select(TraceColumns.sessions, alias: "s")),
               \(TraceColumns.select(TraceColumns.chunks, alias: "c")), c.payload, c.audio_payload
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
            guard verifier.expectedAudioIndex == audioCount else {
                throw .sessionCorrupt(
                    session: sessionID,
                    reason:
                        "its chunks hold \(verifier.expectedAudioIndex) audio entries, audio_count says \(audioCount)")
            }
            return nil
        }
        let row = try ChunkRow(statement, offset: Self.chunkOffset, session: sessionID)
        let chunk = try verifier.verify(row, withAudio: withAudio)
        hasRow = try reader.step(statement)
        return chunk
    }
}

// Holds a statement of a connection that is not Sendable.
@available(*, unavailable)
extension TraceChunkCursor: Sendable {}

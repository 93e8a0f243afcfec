/// Iterates a session's chunks in order, verifying each one (see `TraceReader.chunks(session:)`).
///
/// The cursor reads inside one read transaction (when the reader is not already in one), hence
/// one consistent snapshot, even while a writer is appending to the same session; it ends with
/// the cursor. One chunk is in memory at a time. After an error, or after the end, `next()`
/// returns nil.
public final class TraceChunkCursor {
    public let sessionID: Int64
    /// Whether chunks come with their audio entries (`TraceChunk.audio`).
    public let withAudio: Bool
    let reader: TraceReader
    /// Reads one chunk row by rowid (see `TraceReader.rowByID`).
    let statement: SQLiteStatement
    /// The session's chunk rows, in chunk order, and how many were read.
    let rowids: [Int64]
    var position = 0
    var verifier: ChunkVerifier
    /// The session row's event and audio counts, from the same snapshot as the chunks.
    let eventCount: Int64
    let audioCount: Int64
    /// Whether this cursor began the read transaction, and so must end it.
    var ownsTransaction: Bool
    var isDone = false

    init(reader: TraceReader, session: Int64, withAudio: Bool) throws(TraceError) {
        sessionID = session
        self.withAudio = withAudio
        self.reader = reader
        ownsTransaction = try reader.beginSnapshot()
        do {
            let row = try reader.checkedSessionRow(session)
            verifier = ChunkVerifier(session: session, chunkCount: row.chunkCount)
            eventCount = row.eventCount
            audioCount = row.audioCount
            rowids = try reader.ownedRowIDs("chunks", session: session, orderBy: "chunk_index")
            statement = try reader.rowByID("chunks", TraceColumns.chunks, extra: "payload, audio_payload")
        } catch {
            if ownsTransaction { reader.endSnapshot() }
            throw error
        }
    }

    deinit {
        if ownsTransaction { reader.endSnapshot() }
    }
}

extension TraceChunkCursor {
    /// The next verified chunk, or nil after the last one.
    ///
    /// At the end, also checks that the chunks add up to the session row's chunk and event
    /// counts, so a deleted last chunk is found too.
    public func next() throws(TraceError) -> TraceChunk? {
        guard !isDone else { return nil }
        do {
            let chunk = try advance()
            if chunk == nil { finish() }
            return chunk
        } catch {
            finish()
            throw error
        }
    }

    private func finish() {
        isDone = true
        if ownsTransaction {
            reader.endSnapshot()
            ownsTransaction = false
        }
    }

    private func advance() throws(TraceError) -> TraceChunk? {
        guard position < rowids.count else {
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
        try reader.seek(statement, rowid: rowids[position], table: "chunks", session: sessionID)
        position += 1
        let row = try ChunkRow(statement, offset: 0, session: sessionID)
        return try verifier.verify(row, withAudio: withAudio)
    }
}

// Holds a statement of a connection that is not Sendable.
@available(*, unavailable)
extension TraceChunkCursor: Sendable {}

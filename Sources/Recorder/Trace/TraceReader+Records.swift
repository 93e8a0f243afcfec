extension TraceReader {
    /// A cursor over the session's chunks, verified one at a time. Throws `.sessionNotFound`.
    ///
    /// Use this to stream long sessions; `records(session:)` loads them all. With `withAudio`,
    /// each chunk's audio entries are read and verified too (`TraceChunk.audio`); without, the
    /// audio is never read from disk, only its counts are checked.
    public func chunks(session id: Int64, withAudio: Bool = false) throws(TraceError) -> TraceChunkCursor {
        try TraceChunkCursor(reader: self, session: id, withAudio: withAudio)
    }

    /// All audio entries of the session, verified, in order (index = position).
    /// - Complexity: O(size of the session, audio included)
    public func audio(session id: Int64) throws(TraceError) -> [[UInt8]] {
        let cursor = try chunks(session: id, withAudio: true)
        var entries: [[UInt8]] = []
        while let chunk = try cursor.next() {
            entries.append(contentsOf: chunk.audio ?? [])
        }
        return entries
    }

    /// All records of the session, verified; throws on the first problem.
    ///
    /// An unfinished session (crashed writer) reads like any other, up to its last committed chunk.
    /// - Complexity: O(size of the session)
    public func records(session id: Int64) throws(TraceError) -> [TraceRecord] {
        let cursor = try chunks(session: id)
        var records: [TraceRecord] = []
        while let chunk = try cursor.next() {
            records.append(contentsOf: chunk.records)
        }
        return records
    }

    /// The records of every chunk that verifies, up to the first one that does not, and the
    /// error that stopped reading (nil when the whole session is good).
    ///
    /// For damaged traces: what was recorded before the damage is still worth replaying.
    /// Throws only when the session cannot be read at all.
    public func salvageRecords(session id: Int64) throws(TraceError) -> TraceSalvage {
        let cursor = try chunks(session: id)
        var salvage = TraceSalvage(records: [], stoppedBy: nil)
        do {
            while let chunk = try cursor.next() {
                salvage.records.append(contentsOf: chunk.records)
            }
        } catch {
            salvage.stoppedBy = error
        }
        return salvage
    }
}

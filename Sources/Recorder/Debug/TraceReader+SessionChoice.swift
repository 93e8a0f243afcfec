extension TraceReader {
    /// The session `id`, or the only session of the file when `id` is nil.
    ///
    /// A file with several sessions needs an explicit id: picking one silently would show the
    /// wrong call.
    public func chooseSession(_ id: Int64?) throws(DebugError) -> TraceSession {
        let all: [TraceSession]
        do {
            if let id { return try session(id: id) }
            all = try sessions()
        } catch {
            throw .trace(error)
        }
        guard let only = all.first else { throw .noSessions(path: path) }
        guard all.count == 1 else { throw .sessionRequired(path: path, sessions: all.map(\.id)) }
        return only
    }

    /// Every event of the session, decoded (`DebugError.trace` on a damaged session).
    /// - Complexity: O(size of the session, audio excluded)
    public func allEvents(session id: Int64) throws(DebugError) -> [RecordedEvent] {
        do {
            return try events(session: id).all()
        } catch {
            throw .trace(error)
        }
    }

    /// The session's marks (`DebugError.trace` on a damaged session).
    public func allMarks(session id: Int64) throws(DebugError) -> [TraceMark] {
        do {
            return try marks(session: id)
        } catch {
            throw .trace(error)
        }
    }
}

/// What the debugging tools (timeline, debug, diff, extract, export-audio, query) refuse, with
/// enough context to act on.
public enum DebugError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The trace holds several sessions and none was chosen.
    case sessionRequired(path: String, sessions: [Int64])
    /// The trace holds no session at all.
    case noSessions(path: String)
    /// The session stores audio as summaries only (`--audio hash`), and samples are needed.
    case audioNotStored(session: Int64, purpose: String)
    /// A trace-level error (corrupt, missing session, wrong version).
    case trace(TraceError)
    /// SQL that `voicesim query` refuses or SQLite rejected.
    case query(String)

    public var description: String {
        switch self {
        case .sessionRequired(let path, let sessions):
            "\(path) holds \(sessions.count) sessions (\(Self.list(sessions))); choose one with --session ID"
        case .noSessions(let path):
            "\(path) holds no sessions"
        case .audioNotStored(let session, let purpose):
            "session \(session) stores audio as hashes only (recorded with --audio hash), so there are no samples "
                + "for \(purpose); record with --audio full"
        case .trace(let error):
            error.description
        case .query(let message):
            message
        }
    }

    private static func list(_ ids: [Int64]) -> String {
        let shown = ids.prefix(10).map(String.init).joined(separator: ", ")
        return ids.count > 10 ? shown + ", …" : shown
    }
}

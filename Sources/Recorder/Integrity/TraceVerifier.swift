/// Checks a whole trace file without replaying it, like `fsck`: SQLite's own structure
/// (`PRAGMA integrity_check`), the schema, every row's checksum and count, every chunk and
/// payload, every record, and every stored audio sample against the summary its records hold.
public enum TraceVerifier {}

extension TraceVerifier {
    /// What `verify` checked, and the problems it found (empty: the file is sound).
    public struct Report: Equatable, Sendable {
        public var path: String
        public var sessions: Int = 0
        public var chunks: Int64 = 0
        public var events: Int64 = 0
        public var audioEntries: Int64 = 0
        public var marks: Int64 = 0
        public var checkpoints: Int64 = 0
        /// One per damaged session, plus file-level problems, in the order found.
        public var problems: [TraceError] = []

        public var isSound: Bool { problems.isEmpty }
    }

    /// Verifies the trace at `path`. Throws only when the file cannot be read as a trace at all
    /// (not a trace, another version, unreadable); damage inside it is in `Report.problems`.
    /// - Complexity: O(file size), audio included.
    public static func verify(path: String) throws(TraceError) -> Report {
        let reader = try TraceReader(path: path)
        var report = Report(path: path)
        if let problem = try structureProblem(reader) {
            report.problems.append(problem)
        }
        // Ids first, then each session on its own, so one damaged row does not hide the others.
        let ids = try reader.query("SELECT id FROM sessions ORDER BY id", []) { row in row.int64(at: 0) }
        report.sessions = ids.count
        for id in ids {
            do {
                try verify(try reader.session(id: id), reader, into: &report)
            } catch {
                report.problems.append(error)
            }
        }
        return report
    }

    private static func verify(_ session: TraceSession, _ reader: TraceReader, into report: inout Report)
        throws(TraceError)
    {
        let id = session.id
        // Every chunk with its audio: checksums, inflate, framing, records decoded as events, and
        // each stored sample chunk restored and compared with its recorded summary.
        _ = try reader.recordedAudio(session: id)
        report.chunks += session.chunkCount
        report.events += session.eventCount
        report.audioEntries += session.header.audioMode == .full ? session.audioCount : 0
        if session.header.audioMode == .hash, session.audioCount > 0 {
            throw .sessionCorrupt(session: id, reason: "a hash-only session stores \(session.audioCount) audio entries")
        }
        report.marks += Int64(try reader.marks(session: id).count)
        report.checkpoints += Int64(try reader.checkpoints(session: id).count)
    }

    /// `PRAGMA integrity_check`, then rows that belong to no session.
    private static func structureProblem(_ reader: TraceReader) throws(TraceError) -> TraceError? {
        let messages = try reader.query("PRAGMA integrity_check", []) { row in row.string(at: 0) ?? "" }
        guard messages == ["ok"] else {
            return .fileCorrupt(
                path: reader.path, reason: "integrity_check: " + messages.prefix(5).joined(separator: "; "))
        }
        for table in ["chunks", "lanes", "marks", "checkpoints"] {
            let sql = "SELECT count(*) FROM \(table) WHERE session_id NOT IN (SELECT id FROM sessions)"
            let orphans = try reader.query(sql, []) { row in row.int64(at: 0) }.first ?? 0
            if orphans > 0 {
                return .fileCorrupt(path: reader.path, reason: "\(orphans) rows of \(table) belong to no session")
            }
        }
        return nil
    }
}

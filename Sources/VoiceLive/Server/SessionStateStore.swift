import Dispatch
import Recorder
import VoiceCore

/// The session manager's state in a SQLite file, so the daily cap and the spend alert hold
/// across restarts.
///
/// The file holds the seed's `voice_sessions` table (one row per admitted call, with its
/// usage columns and `cost_usd` by the seed's formula) and `spend_alerts`. Decisions stay the
/// core's: a `SessionManager` rebuilt at open by replaying this month's rows in start order
/// (each call admitted again, each finished call accounted again), then fed every new
/// admission and end. Times are Unix microseconds, so the manager's days and 30-day months are
/// counted from the epoch.
///
/// All work runs on one serial queue; callers get answers through callbacks.
public final class SessionStateStore: @unchecked Sendable {
    // `database`, `statements` and `manager` are touched only on `queue`.
    let queue = DispatchQueue(label: "voicesim.session-state")
    let path: String
    private let database: SQLiteDatabase
    private var manager: SessionManager
    private let insertSession: SQLiteStatement
    private let finishSession: SQLiteStatement
    private let insertAlert: SQLiteStatement
    /// Operator notices (spend alerts).
    let notify: @Sendable (String) -> Void

    static let schema = """
        CREATE TABLE IF NOT EXISTS voice_sessions (
          id TEXT PRIMARY KEY,
          user_id TEXT NOT NULL,
          pipeline TEXT NOT NULL,
          started_at INTEGER NOT NULL,
          ended_at INTEGER,
          ended_by TEXT,
          stt_duration_seconds REAL NOT NULL DEFAULT 0,
          stt_micros INTEGER NOT NULL DEFAULT 0,
          llm_input_tokens INTEGER NOT NULL DEFAULT 0,
          llm_output_tokens INTEGER NOT NULL DEFAULT 0,
          tts_characters INTEGER NOT NULL DEFAULT 0,
          stt_model TEXT NOT NULL DEFAULT 'deepgram-nova-2',
          llm_model TEXT NOT NULL DEFAULT 'claude-3.5-sonnet',
          tts_model TEXT NOT NULL DEFAULT 'playht-2.0',
          cost_usd REAL GENERATED ALWAYS AS (
            (stt_duration_seconds / 60 * 0.0125) + (llm_input_tokens / 1000000.0 * 3)
            + (llm_output_tokens / 1000000.0 * 15) + (tts_characters / 1000.0 * 0.030)) STORED,
          cost_micro_usd INTEGER NOT NULL DEFAULT 0,
          avg_latency_ms INTEGER,
          interruptions_count INTEGER NOT NULL DEFAULT 0,
          turns INTEGER NOT NULL DEFAULT 0,
          CONSTRAINT voice_sessions_ended_check CHECK (ended_at IS NULL OR ended_at > started_at)
        );
        CREATE INDEX IF NOT EXISTS voice_sessions_started ON voice_sessions(started_at);
        CREATE TABLE IF NOT EXISTS spend_alerts (
          month INTEGER PRIMARY KEY,
          spent_micro_usd INTEGER NOT NULL,
          threshold_micro_usd INTEGER NOT NULL,
          raised_at INTEGER NOT NULL
        );
        """

    /// Opens (creating when missing) the state at `path` and rebuilds the manager as of `now`
    /// (Unix microseconds).
    public init(
        path: String, limits: SessionLimits = SessionLimits(), rates: CostRates = .seed, now: Int64,
        notify: @escaping @Sendable (String) -> Void
    ) throws(SQLiteError) {
        self.path = path
        self.notify = notify
        database = try SQLiteDatabase(path: path, flags: [.readWrite, .create])
        try database.enableWAL()
        try database.execute("PRAGMA synchronous = NORMAL")
        try database.execute(SessionStateStore.schema)
        insertSession = try database.prepare(
            "INSERT INTO voice_sessions (id, user_id, pipeline, started_at) VALUES (?, ?, ?, ?)")
        finishSession = try database.prepare(
            """
            UPDATE voice_sessions SET ended_at = MAX(?, started_at + 1), ended_by = ?, stt_duration_seconds = ?, stt_micros = ?,
              llm_input_tokens = ?, llm_output_tokens = ?, tts_characters = ?, stt_model = ?, llm_model = ?,
              tts_model = ?, cost_micro_usd = ?, avg_latency_ms = ?, interruptions_count = ?, turns = ?
            WHERE id = ?
            """)
        insertAlert = try database.prepare(
            "INSERT OR IGNORE INTO spend_alerts (month, spent_micro_usd, threshold_micro_usd, raised_at) VALUES (?, ?, ?, ?)")
        manager = SessionManager(limits: limits, rates: rates)
        try rebuild(now: now)
    }

    /// Decides whether `userID` may start a call at `now` (Unix µs); a granted call gets its
    /// row under `sessionLabel`. The answer comes on the store's queue.
    public func admit(
        userID: String, pipeline: Pipeline, sessionLabel: String, now: Int64,
        answer: @escaping @Sendable (Admission) -> Void
    ) {
        queue.async {
            let admission = self.manager.admit(userID: userID, at: Instant(micros: now))
            if admission == .granted {
                do {
                    try self.insertSession.run([
                        .text(sessionLabel), .text(userID), .text(pipeline.description), .integer(now),
                    ])
                } catch {
                    self.notify("state \(self.path): cannot record session \(sessionLabel): \(error)")
                }
            }
            answer(admission)
        }
    }

    /// Accounts a finished call (or one cut by shutdown) and raises the spend alert once a month.
    public func ended(sessionLabel: String, usage: SessionUsage, endedBy: String, now: Int64) {
        queue.async {
            let notices = self.manager.sessionEnded(usage, at: Instant(micros: now))
            do {
                try self.finishSession.run(SessionStateStore.usageColumns(usage, rates: self.manager.rates, now: now,
                                                                          endedBy: endedBy) + [.text(sessionLabel)])
            } catch {
                self.notify("state \(self.path): cannot account session \(sessionLabel): \(error)")
            }
            for notice in notices { self.raise(notice, now: now) }
        }
    }

    /// Waits for queued work, then reports calls today for `userID` and this month's spend.
    public func snapshot(userID: String) async -> (callsToday: Int, monthSpentMicroUSD: Int64) {
        await withCheckedContinuation { done in
            queue.async {
                let record = self.manager.users.first { $0.userID == userID }
                done.resume(returning: (record?.callsToday ?? 0, self.manager.monthSpentMicroUSD))
            }
        }
    }

    private func raise(_ notice: ManagerNotice, now: Int64) {
        switch notice {
        case .monthlySpendAlert(let month, let spent, let threshold):
            do {
                try insertAlert.run([.integer(month), .integer(spent), .integer(threshold), .integer(now)])
                guard database.changes == 1 else { return }
            } catch {
                notify("state \(path): cannot record the spend alert: \(error)")
            }
            notify("ALERT: spend this month is \(formatUSD(microUSD: spent)), over \(formatUSD(microUSD: threshold))")
        }
    }

    /// Replays this month's calls into a fresh manager; an alert already raised stays quiet.
    private func rebuild(now: Int64) throws(SQLiteError) {
        let monthMicros: Int64 = 86_400_000_000 * 30
        let monthStart = now / monthMicros * monthMicros
        let rows = try database.prepare(
            """
            SELECT user_id, pipeline, started_at, ended_at, stt_micros, llm_input_tokens, llm_output_tokens,
              tts_characters, stt_model, llm_model, tts_model
            FROM voice_sessions WHERE started_at >= ? ORDER BY started_at, rowid
            """)
        rows.bind(monthStart, at: 1)
        var ends: [(Int64, SessionUsage)] = []
        while try rows.step() == .row {
            let userID = rows.string(at: 0) ?? ""
            let started = rows.int64(at: 2)
            // Ends are replayed in time order between the starts.
            ends.sort { $0.0 < $1.0 }
            while let first = ends.first, first.0 <= started {
                _ = manager.sessionEnded(first.1, at: Instant(micros: first.0))
                ends.removeFirst()
            }
            _ = manager.admit(userID: userID, at: Instant(micros: started))
            guard let ended = rows.optionalInt64(at: 3) else { continue }
            var usage = SessionUsage(
                userID: userID, sessionID: 0, pipeline: rows.string(at: 1) == "v1" ? .v1 : .v2,
                models: ProviderModels(stt: rows.string(at: 8) ?? "", llm: rows.string(at: 9) ?? "",
                                       tts: rows.string(at: 10) ?? ""))
            usage.sttMicros = rows.int64(at: 4)
            usage.llmInputTokens = UInt64(max(0, rows.int64(at: 5)))
            usage.llmOutputTokens = UInt64(max(0, rows.int64(at: 6)))
            usage.ttsCharacters = UInt64(max(0, rows.int64(at: 7)))
            ends.append((ended, usage))
        }
        for (ended, usage) in ends.sorted(by: { $0.0 < $1.0 }) {
            _ = manager.sessionEnded(usage, at: Instant(micros: ended))
        }
    }

    static func usageColumns(_ usage: SessionUsage, rates: CostRates, now: Int64, endedBy: String) -> [SQLiteValue] {
        [
            .integer(now), .text(endedBy), .real(Double(usage.sttMicros) / 1_000_000), .integer(usage.sttMicros),
            .integer(Int64(clamping: usage.llmInputTokens)), .integer(Int64(clamping: usage.llmOutputTokens)),
            .integer(Int64(clamping: usage.ttsCharacters)), .text(usage.sttModel), .text(usage.llmModel),
            .text(usage.ttsModel), .integer(rates.costMicroUSD(usage)),
            .integer(usage.averageLatencyMicros.map { $0 / 1_000 }), .integer(Int64(usage.interruptions)),
            .integer(Int64(usage.turns)),
        ]
    }
}

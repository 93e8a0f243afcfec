import Foundation
import Testing
import VoiceCore
import VoiceLive

@Suite("session-manager state across restarts")
struct SessionStateTests {
    static let day: Int64 = 86_400_000_000
    /// Some time on day 1,000 since the epoch (inside one of the manager's 30-day months).
    static let morning = 1_000 * day + 3_600_000_000

    @Test("the daily cap, the month's spend and a raised spend alert survive reopening the state file")
    func survivesRestart() async throws {
        let directory = TemporaryDirectory()
        let path = directory.path("state.sqlite")
        let alerts = AlertLog()
        var usage = SessionUsage(userID: "ada", sessionID: 1, pipeline: .v2)
        usage.llmInputTokens = 2_000_000
        usage.llmOutputTokens = 100_000
        let cost = CostRates.seed.costMicroUSD(usage)
        let limits = SessionLimits(dailyCallsMax: 2, monthlySpendAlertMicroUSD: cost - 1)
        do {
            let store = try SessionStateStore(path: path, limits: limits, now: Self.morning, notify: alerts.append)
            #expect(await admit(store, "ada", "s-1", Self.morning) == .granted)
            #expect(await admit(store, "ada", "s-2", Self.morning + 1_000) == .granted)
            store.ended(sessionLabel: "s-1", usage: usage, endedBy: "call", now: Self.morning + 60_000_000)
            _ = await store.snapshot(userID: "ada")
        }
        #expect(alerts.lines.count == 1 && alerts.lines.first?.contains("ALERT") == true, "\(alerts.lines)")

        let reopened = try SessionStateStore(path: path, limits: limits, now: Self.morning + 120_000_000,
                                             notify: alerts.append)
        let snapshot = await reopened.snapshot(userID: "ada")
        #expect(snapshot.callsToday == 2 && snapshot.monthSpentMicroUSD == cost)
        guard case .refused(let reason) = await admit(reopened, "ada", "s-3", Self.morning + 130_000_000) else {
            Issue.record("a third call on the same day was admitted after the restart")
            return
        }
        #expect(reason.contains("daily limit"))
        #expect(await admit(reopened, "grace", "s-4", Self.morning + 140_000_000) == .granted)
        #expect(await admit(reopened, "ada", "s-5", Self.morning + Self.day) == .granted)
        reopened.ended(sessionLabel: "s-4", usage: usage, endedBy: "call", now: Self.morning + 200_000_000)
        _ = await reopened.snapshot(userID: "ada")
        // Already raised this month: the restart does not raise it again.
        #expect(alerts.lines.count == 1, "\(alerts.lines)")
    }

    private func admit(_ store: SessionStateStore, _ user: String, _ label: String, _ now: Int64) async -> Admission {
        await withCheckedContinuation { done in
            store.admit(userID: user, pipeline: .v2, sessionLabel: label, now: now) { done.resume(returning: $0) }
        }
    }
}

final class AlertLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func append(_ line: String) {
        lock.lock()
        stored.append(line)
        lock.unlock()
    }
}

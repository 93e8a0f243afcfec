import VoiceCore

/// The summary columns a session's machines determine, tallied from their actions: what
/// replay recomputes and compares with the stored `sessions` row.
///
/// Usage is billed per server session: each `.sessionEnded(usage)` action, plus the usage of
/// every server still active at the end (the simulator's `SessionManager` does the same).
/// Turn count and latencies depend on the simulated users, not on the machines, so they are
/// covered by the row checksum only.
public struct SummaryTally: Equatable, Sendable {
    /// Usages of the server sessions that ended, in order.
    public private(set) var endedUsages: [SessionUsage] = []

    public init() {}
}

extension SummaryTally {
    /// Notes what one machine emitted.
    /// - Complexity: O(actions)
    public mutating func add(_ output: MachineOutput) {
        guard case .server(let actions) = output else { return }
        for case .sessionEnded(let usage) in actions { endedUsages.append(usage) }
    }

    /// The machine-determined columns for `lanes` at the end of the session.
    public func totals(of lanes: [LaneMachines]) -> Totals {
        var usages = endedUsages
        for lane in lanes where lane.server.phase == .active { usages.append(lane.server.usage) }
        var interruptions: Int64 = 0
        var lostAudioMicros: Int64 = 0
        var costMicroUSD: Int64 = 0
        for usage in usages {
            interruptions &+= Int64(usage.interruptions)
            lostAudioMicros &+= usage.lostAudioMicros
            costMicroUSD &+= usage.costMicroUSD()
        }
        // Reconnects as the client counted them; a trace of the server alone (a live server's
        // recording, whose client machines never ran) counts the resumes its sessions accepted.
        let serverOnly = lanes.allSatisfy { $0.client.actionCount == 0 }
        let reconnects = serverOnly
            ? usages.reduce(Int64(0)) { $0 &+ Int64($1.resumes) }
            : lanes.reduce(Int64(0)) { $0 &+ Int64($1.client.metrics.disconnects) }
        return Totals(
            interruptionCount: interruptions, reconnectCount: reconnects, lostAudioMillis: lostAudioMicros / 1_000,
            costUSD: Double(costMicroUSD) / 1_000_000)
    }

    /// A summary with the machine-determined columns filled in from `lanes`.
    public func summary(ended: Instant, lanes: [LaneMachines], turnCount: Int64 = 0) -> SessionSummary {
        let totals = totals(of: lanes)
        return SessionSummary(
            ended: ended, finalDigest: SessionRecorder.finalDigest(of: lanes), turnCount: turnCount,
            interruptionCount: totals.interruptionCount, reconnectCount: totals.reconnectCount,
            lostAudioMillis: totals.lostAudioMillis, costUSD: totals.costUSD)
    }

    /// The summary columns replay can recompute.
    public struct Totals: Equatable, Sendable {
        public var interruptionCount: Int64
        public var reconnectCount: Int64
        public var lostAudioMillis: Int64
        public var costUSD: Double
    }
}

extension SummaryTally.Totals {
    /// The first column where `summary` disagrees with these totals: name, stored, replayed.
    func firstDifference(from summary: SessionSummary) -> (column: String, stored: String, replayed: String)? {
        if summary.interruptionCount != interruptionCount {
            return ("interruptions", "\(summary.interruptionCount)", "\(interruptionCount)")
        }
        if summary.reconnectCount != reconnectCount {
            return ("reconnects", "\(summary.reconnectCount)", "\(reconnectCount)")
        }
        if summary.lostAudioMillis != lostAudioMillis {
            return ("lost_audio_ms", "\(summary.lostAudioMillis)", "\(lostAudioMillis)")
        }
        if summary.costUSD != costUSD { return ("cost_usd", "\(summary.costUSD)", "\(costUSD)") }
        return nil
    }
}

import VoiceCore

extension Simulation {
    /// A reply chunk that will never reach the client: the assistant-audio ledger records the loss.
    mutating func replyLost(_ lane: Int, _ event: ClientEvent, _ now: Instant) {
        guard case .received(.responseAudio(let responseID, let chunk)) = event else { return }
        lanes[lane].oracle.reply.lost(responseID, chunk, at: now)
    }

    func isDisconnect(_ event: ClientEvent) -> Bool {
        if case .disconnected = event { return true }
        return false
    }

    /// Runs the whole-run checks of every lane and collects every oracle breach.
    mutating func finishOracles(_ now: Instant) {
        for lane in lanes.indices {
            lanes[lane].oracle.finish(now, server: lanes[lane].machines.server, rates: manager.rates)
        }
    }

    /// Every oracle breach of the run, lane by lane.
    public var oracleViolations: [OracleViolation] { lanes.flatMap(\.oracle.log.violations) }
}

import VoiceCore

/// Mutation testing of the oracles: plant a known bug in the core and check that the
/// fuzzer finds it within a seed budget and shrinks it.
package enum PlantedBugHunt {
    /// The oracle that must catch `bug`.
    package static func expectedKind(_ bug: PlantedBug) -> OracleKind {
        switch bug {
        case .replayNotResent: .micAudioNotReplayed
        case .ttsNotCancelledOnBargeIn: .providerStreamLeak
        case .dedupOff: .micAudioDuplicated
        case .cancelledTokensNotBilled: .billingMismatch
        case .keepaliveSurvivesReconnect: .keepaliveWithoutConnection
        case .historyKeepsUnplayedText: .historyNotHeard
        case .bargeInKeepsPlaying: .talkOverUser
        case .graceNotCancelledOnResume: .graceExpiredWhileConnected
        case .unplayedReplyNotCounted: .replyAudioHole
        case .givesUpEarly: .gaveUpEarly
        }
    }

    package struct Finding: Sendable {
        package let seed: UInt64
        /// The first breach the planted run shows and the clean run does not.
        package let breach: OracleViolation
        package let scenario: Scenario
        package let shrunk: Scenario
    }

    /// The breaches of `kind` that `scenario` shows with `bug` planted and not without it.
    /// Compared with the clean core rather than with nothing, so a defect the core already
    /// has (a known issue) cannot pass for the planted one.
    package static func newBreaches(_ bug: PlantedBug, _ scenario: Scenario) -> [OracleViolation] {
        let kind = expectedKind(bug)
        let planted = Fuzzer.check(scenario, plantedBugs: PlantedBugs([bug])).result.oracleViolations.filter { $0.kind == kind }
        guard !planted.isEmpty else { return [] }
        let clean = Fuzzer.check(scenario).result.oracleViolations.filter { $0.kind == kind }.map(\.description)
        return planted.filter { !clean.contains($0.description) }
    }

    /// Runs swarm seeds in order until one exposes `bug`, then shrinks its fault schedule
    /// to the fewest faults that still expose it. Nil when no seed in `seeds` does.
    package static func hunt(_ bug: PlantedBug, seeds: [UInt64]) -> Finding? {
        for seed in seeds {
            let scenario = SwarmScenario.make(seed: seed)
            guard let breach = newBreaches(bug, scenario).first else { continue }
            let shrunk = Fuzzer.shrink(scenario) { !newBreaches(bug, $0).isEmpty }
            return Finding(seed: seed, breach: breach, scenario: scenario, shrunk: shrunk)
        }
        return nil
    }
}

import VoiceCore
import VoiceSim

/// Runs one scenario twice, in simulation and live on loopback, and measures both the same
/// way (`FidelityLaneMeter`, `ClientMetrics.voiceToVoiceMicros`).
///
/// The live run mirrors the simulation's world: stand-ins with the scenario's provider
/// profiles and seed, the server with the lanes' server configuration, the fault proxy in
/// front of it with the scenario's network (base latency and jitter per direction) and the
/// fault kinds a TCP proxy can apply, and one `LiveCall` per user speaking that user's script
/// with the client configuration, client seed and voice seed the simulation gives its lane.
public enum Fidelity {
    /// Fault kinds the proxy applies to TCP (`FaultProxy`); the rest are skipped, by name.
    static func replayable(_ kind: Fault.Kind) -> Bool {
        switch kind {
        case .partition, .connectionReset, .stall, .latencySpike, .coldStart: true
        case .loss, .providerOutage, .providerSlow, .duplicate, .reorder, .lateDelivery, .duplicateDown, .reorderDown,
             .lateDeliveryDown: false
        }
    }

    /// Runs both sides; throws a `FidelityError` for a scenario the live runtime cannot place,
    /// or when the live runtime cannot start.
    public static func run(_ options: FidelityOptions) async throws -> FidelityReport {
        var scenario = options.scenario
        try check(scenario)
        scenario.durationMicros = min(scenario.durationMicros, options.maxMicros)
        var skipped = scenario.faults.sortedByStart.filter { !replayable($0.kind) }.map {
            "\($0): the proxy carries TCP, which cannot show this kind"
        }
        skipped += scenario.triggeredFaults.map { "\($0): placed at a simulated event, which a live run does not observe" }
        for (name, link) in [("up", scenario.network.up), ("down", scenario.network.down)] {
            if link.loss != .zero {
                skipped.append("\(name)link loss \(link.loss): TCP on loopback loses nothing (simulated loss adds retransmissions)")
            }
            if link.bandwidthBytesPerSecond > 0 {
                skipped.append("\(name)link bandwidth \(link.bandwidthBytesPerSecond) B/s: loopback is not throttled")
            }
        }
        if scenario.server.coldStartMicros > 0 {
            skipped.append("server cold start \(scenario.server.coldStartMicros / 1_000) ms: the live server is warm")
        }
        options.log("fidelity: simulating \(scenario.name)")
        let sim = FidelitySide.simulated(scenario)
        options.log("fidelity: calling live on loopback for up to \(scenario.durationMicros / 1_000_000) s")
        let live = try await FidelitySide.live(scenario, log: options.log)
        return FidelityReport(
            scenario: scenario.name, maxMicros: scenario.durationMicros, sim: sim, live: live, notReplayed: skipped)
    }

    static func check(_ scenario: Scenario) throws {
        guard scenario.pipeline == .v2 else {
            throw FidelityError("\(scenario.name): pipeline \(scenario.pipeline): the live providers stream (V2) only")
        }
        for (index, user) in scenario.users.enumerated() {
            guard user.calls == 1 else {
                throw FidelityError("\(scenario.name): users[\(index)] (\(user.id)) places \(user.calls) calls; fidelity runs one call per user")
            }
            if let position = user.utterances.firstIndex(where: { if case .after = $0.start { true } else { false } }) {
                throw FidelityError(
                    "\(scenario.name): users[\(index)].utterances[\(position)] starts at a simulated event (at:), which a live call cannot observe")
            }
        }
    }

    /// The seed of each lane's simulated user, drawn as `Simulation` draws it: per lane the
    /// client seed, the server seed, the user's seed, then one fork each for the two links and
    /// the three providers.
    static func userSeeds(_ scenario: Scenario, setups: [LaneSetup]) -> [UInt64] {
        var random = PRNG(seed: scenario.seed)
        return setups.map { setup in
            let clientSeed = random.next()
            precondition(clientSeed == setup.clientSeed, "fidelity: the simulation's lane seeds are drawn differently")
            _ = random.next()
            let userSeed = random.next()
            for _ in 0..<5 { _ = random.next() }
            return userSeed
        }
    }
}

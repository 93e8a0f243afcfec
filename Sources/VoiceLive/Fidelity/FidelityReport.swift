import VoiceSim

/// The two sides of a fidelity run, and what the live side could not reproduce.
public struct FidelityReport: Sendable {
    public var scenario: String
    /// Call time both sides ran for, at most.
    public var maxMicros: Int64
    public var sim: FidelitySide
    public var live: FidelitySide
    /// What of the scenario the live run did not replay (faults, link loss and bandwidth, a
    /// cold server), each with why.
    public var notReplayed: [String]

    public init(scenario: String, maxMicros: Int64, sim: FidelitySide, live: FidelitySide, notReplayed: [String]) {
        self.scenario = scenario
        self.maxMicros = maxMicros
        self.sim = sim
        self.live = live
        self.notReplayed = notReplayed
    }
}

extension FidelityReport {
    /// live ÷ sim, nil when the simulation measured nothing.
    public static func ratio(live: Int64, sim: Int64) -> Double? {
        sim > 0 ? Double(live) / Double(sim) : nil
    }
}

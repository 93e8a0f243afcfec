import VoiceSim

/// What `Fidelity.run` compares: a scenario, cut at `maxMicros` of call time on both sides.
public struct FidelityOptions: Sendable {
    public var scenario: Scenario
    /// Both the simulation and the live calls stop here (a live run takes this long at most).
    public var maxMicros: Int64
    /// Progress and the live runtime's operator messages (one line each).
    public var log: @Sendable (String) -> Void

    public init(scenario: Scenario, maxMicros: Int64, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.scenario = scenario
        self.maxMicros = maxMicros
        self.log = log
    }
}

import VoiceCore

extension Simulation {
    /// A simulation whose lanes run a changed core (see `CoreChange`). Only the machines'
    /// configurations change: users, network and providers draw the same random numbers.
    public init(scenario: Scenario, seed: UInt64? = nil, observer: SimulationObserver? = nil, core: CoreChange) {
        self.init(scenario: scenario, seed: seed, observer: observer)
        for index in lanes.indices {
            core.adjust(&lanes[index].setup)
            lanes[index].machines = lanes[index].setup.makeMachines()
        }
    }
}

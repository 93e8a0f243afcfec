import VoiceCore
import VoiceSim

/// Feeds every simulated lane's session-server steps to its own `FidelityLaneMeter`.
final class FidelitySimulationMeter: SimulationObserver {
    private(set) var meters: [FidelityLaneMeter]
    private let thresholdEnergy: UInt32

    init(lanes: Int, thresholdEnergy: UInt32) {
        meters = Array(repeating: FidelityLaneMeter(thresholdEnergy: thresholdEnergy), count: lanes)
        self.thresholdEnergy = thresholdEnergy
    }

    func simulation(
        lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest
    ) {
        guard case .server(_, let event) = input, case .server(let actions) = output else { return }
        meters[lane].record(event, actions: actions, at: time)
    }

    func simulation(lane: Int, mark: SimulationMark, at time: Instant) {}
}

extension FidelitySide {
    /// Runs `scenario` in simulation and measures it.
    static func simulated(_ scenario: Scenario) -> FidelitySide {
        var simulation = Simulation(scenario: scenario)
        let lanes = simulation.laneSetups
        let meter = FidelitySimulationMeter(
            lanes: lanes.count, thresholdEnergy: lanes.first?.client.vad.thresholdEnergy ?? VADConfig().thresholdEnergy)
        simulation.observer = meter
        let result = simulation.run()
        var side = FidelitySide()
        for (lane, laneMeter) in meter.meters.enumerated() {
            side.add(meter: laneMeter, voiceToVoiceMicros: result.clientMetrics[lane].voiceToVoiceMicros)
        }
        return side
    }
}

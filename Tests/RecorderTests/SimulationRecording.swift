import Recorder
import VoiceCore
import VoiceSim

/// The glue a simulation needs to record itself: an observer feeding a `SessionRecorder`.
final class RecordingObserver: SimulationObserver {
    let recorder: SessionRecorder

    init(_ recorder: SessionRecorder) {
        self.recorder = recorder
    }

    func simulation(
        lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest
    ) {
        // A failure is kept by the recorder and thrown again by `finish`.
        try? recorder.record(input: input, output: output, at: time, digestAfter: digestAfter, stateAfter: stateAfter)
    }

    func simulation(lane: Int, mark: SimulationMark, at time: Instant) {
        recorder.mark(kind: mark.kind, label: mark.label, at: time, lane: lane)
    }
}

/// Runs the built-in `scenario` recording it into `path`; returns the session id and result.
func recordSimulation(
    _ scenarioName: String, path: String, audio: SessionRecorder.AudioMode,
    options: TraceWriter.Options = .init()
) throws -> (session: Int64, result: SimulationResult) {
    let scenario = BuiltinScenarios.named(scenarioName)!
    var simulation = Simulation(scenario: scenario)
    let writer = try TraceWriter(path: path, options: options)
    let recorder = try SessionRecorder(
        writer: writer,
        header: SessionHeader(origin: .sim, scenarioName: scenario.name, seed: scenario.seed, codeVersion: "test"),
        lanes: simulation.laneSetups, audio: audio)
    let observer = RecordingObserver(recorder)
    simulation.observer = observer
    let result = simulation.run()
    withExtendedLifetime(observer) {}
    try recorder.finish(result.summary(finalDigest: result.digest),
                        laneStates: simulation.laneMachines.map(\.stateDigest))
    return (recorder.sessionID, result)
}

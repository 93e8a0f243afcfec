import Recorder
import VoiceCore

extension Simulation {
    /// Runs `scenario` on a changed core (see `CoreChange`) and records it, audio as summaries,
    /// as a new session of the trace at `path`: how the regression suite records goldens.
    public static func recordGolden(scenario: Scenario, core: CoreChange, path: String) throws(TraceError) -> Int64 {
        var simulation = Simulation(scenario: scenario, core: core)
        simulation.keepsAudioSamples = false  // recorded as summaries
        let writer = try TraceWriter(path: path, options: .simulation)
        let header = SessionHeader(origin: .sim, scenarioName: scenario.name, scenarioText: scenario.yaml,
                                   seed: simulation.seed, codeVersion: VoiceSimVersion.current,
                                   pipeline: scenario.pipeline.description)
        let recorder = try SessionRecorder(writer: writer, header: header, lanes: simulation.laneSetups, audio: .hash)
        let tap = TraceTap(recorder: recorder)  // the simulation holds its observer weakly
        simulation.observer = tap
        let result = simulation.run()
        try recorder.finish(result.summary(finalDigest: SessionRecorder.finalDigest(of: simulation.laneMachines)),
                            laneStates: simulation.laneMachines.map(\.stateDigest))
        withExtendedLifetime(tap) {}
        return recorder.sessionID
    }
}

import Recorder
import VoiceCore

/// The simulation's recording tap: every machine input and mark goes into a trace session.
///
/// Recording errors cannot be thrown from an observer callback; the recorder keeps the
/// first one and `finish` throws it.
public final class TraceTap: SimulationObserver {
    public let recorder: SessionRecorder
    /// Another observer to pass everything on to (a timeline, a log).
    public let next: SimulationObserver?

    public init(recorder: SessionRecorder, next: SimulationObserver? = nil) {
        self.recorder = recorder
        self.next = next
    }

    public func simulation(
        lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest
    ) {
        try? recorder.record(input: input, output: output, at: time, digestAfter: digestAfter, stateAfter: stateAfter)
        next?.simulation(lane: lane, input: input, output: output, at: time, digestAfter: digestAfter,
                         stateAfter: stateAfter)
    }

    public func simulation(lane: Int, mark: SimulationMark, at time: Instant) {
        recorder.mark(kind: mark.kind, label: mark.label, at: time, lane: lane)
        next?.simulation(lane: lane, mark: mark, at: time)
    }
}

/// The version string stored with every recorded session.
public enum VoiceSimVersion {
    public static let current = "voicesim 0.1.0"
}

extension Simulation {
    /// Runs the scenario while recording it as a new session of the trace at `path`
    /// (created when missing; other sessions in it are kept).
    public static func runRecording(
        scenario: Scenario, seed: UInt64? = nil, path: String, audio: SessionRecorder.AudioMode,
        next: SimulationObserver? = nil, options: TraceWriter.Options = .simulation
    ) throws(TraceError) -> (result: SimulationResult, sessionID: Int64, users: [SimUser]) {
        var simulation = Simulation(scenario: scenario, seed: seed)
        simulation.keepsAudioSamples = audio == .full
        let writer = try TraceWriter(path: path, options: options)
        let header = SessionHeader(origin: .sim, scenarioName: scenario.name, scenarioText: scenario.yaml,
                                   seed: simulation.seed, codeVersion: VoiceSimVersion.current,
                                   pipeline: scenario.pipeline.description)
        let recorder = try SessionRecorder(writer: writer, header: header, lanes: simulation.laneSetups, audio: audio)
        let tap = TraceTap(recorder: recorder, next: next)
        simulation.observer = tap
        let result = simulation.run()
        try recorder.finish(result.summary(finalDigest: SessionRecorder.finalDigest(of: simulation.laneMachines)),
                            laneStates: simulation.laneMachines.map(\.stateDigest))
        return (result, recorder.sessionID, simulation.users)
    }
}

extension SimulationResult {
    /// The summary columns of a recorded session (replay recomputes the machine-determined ones
    /// with `SummaryTally`, which must agree).
    public func summary(finalDigest: UInt64) -> SessionSummary {
        let latency = voiceToVoice
        return SessionSummary(
            ended: Instant(micros: simulatedMicros), finalDigest: finalDigest, turnCount: Int64(turns.count),
            latencyMillisMean: latency.count == 0 ? nil : Double(latency.meanMicros) / 1_000,
            latencyMillisP95: latency.count == 0 ? nil : Double(latency.p95Micros) / 1_000,
            interruptionCount: Int64(interruptions), reconnectCount: Int64(reconnects),
            lostAudioMillis: lostAudioMicros / 1_000, costUSD: Double(costMicroUSD) / 1_000_000)
    }
}

import Recorder
import VoiceCore
import VoiceSim

/// Bit-for-bit replay checks for test suites.
public enum Replay {
    /// Replays session `session` (the only one when nil) of the trace at `trace` against the
    /// current core, changed by `core`, and throws a `VoiceSimTestFailure` with the first
    /// divergence in context unless every action and digest matches the recording.
    ///
    /// The machines are built from the configuration the current simulator gives the recorded
    /// scenario (as `voicesim regress` does), so a changed default is replayed, not the
    /// configuration stored in the trace; a live trace, which has no scenario, uses its own.
    public static func expectIdentical(trace: String, session: Int64? = nil, core: CoreChange = .none) throws {
        let reader: TraceReader
        let chosen: TraceSession
        do {
            reader = try TraceReader(path: trace)
            chosen = try reader.chooseSession(session)
        } catch {
            throw VoiceSimTestFailure("\(trace): cannot replay: \(error)")
        }
        let scenario = chosen.header.scenarioText.flatMap { try? Scenario.parse($0, fileName: trace) }
        let current = scenario.map { Simulation(scenario: $0, seed: chosen.header.seed, core: core).laneSetups } ?? []
        let replayer = Replayer(makeMachines: { stored in
            (current.first { $0.clientSeed == stored.clientSeed && $0.serverSeed == stored.serverSeed }
                ?? core.applied(to: stored)).makeMachines()
        })
        let report: ReplayReport
        do {
            report = try replayer.replay(reader, session: chosen.id)
        } catch {
            throw VoiceSimTestFailure("\(trace) session \(chosen.id): cannot replay: \(error)")
        }
        guard report.isIdentical, report.eventsReplayed == chosen.eventCount else {
            let details = report.divergence.map { "\($0)".split(separator: "\n").map(String.init) }
                ?? ["replayed \(report.eventsReplayed) of \(chosen.eventCount) events; final digest differs"]
            throw VoiceSimTestFailure("\(trace) session \(chosen.id) diverged with \(core.name)", details: details)
        }
    }
}

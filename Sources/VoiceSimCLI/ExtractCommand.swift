import ArgumentParser
import CLISupport
import Recorder
import VoiceSim

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Turn a recorded session (simulated or live) into a scenario that reproduces it.",
        discussion: """
            Writes the users' speech (timing and words), the network as measured (per-direction base delay \
            and jitter; resets, partitions, stalls and latency spikes as a fault schedule) and the providers \
            as measured (LLM first token and token rate, TTS first audio, STT final delay). Then \
            `voicesim run incident.yaml` replays the incident in simulation and `voicesim fuzz --around \
            incident.yaml` explores nearby faults and seeds. Exit 0 on success, 2 on a bad trace or session.
            """
    )

    @OptionGroup var trace: TraceOptions

    @Option(help: "The scenario file to write (YAML).")
    var out: String

    func run() throws {
        let reader = try trace.open()
        let progress = ProgressBar("extract")
        let scenario = try orBadInput { () throws(DebugError) in
            try IncidentExtractor.extract(reader, session: trace.session, progress: progress.update)
        }
        progress.finish()
        try FileHandleLite.writeFile(scenario.yaml, to: out)
        printError("wrote \(out): \(scenario.users.count) user(s), \(scenario.faults.count) fault(s); "
            + "run it with: voicesim run \(out)")
    }
}

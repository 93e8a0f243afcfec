import ArgumentParser
import CLISupport
import Recorder
import VoiceCore
import VoiceSim

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and report per-turn latency, interruptions, reconnects and cost.",
        discussion: "Exit 0 on success, 1 when an invariant broke, 2 on a bad scenario or arguments."
    )

    @OptionGroup var options: ScenarioOptions

    @Flag(help: "Print one JSON object instead of the readable report.")
    var json = false

    @Flag(help: "Print every machine input and the actions it caused before the report.")
    var log = false

    @Option(help: "Write a Chrome/Perfetto trace of the run (open in ui.perfetto.dev) to this JSON file.")
    var timeline: String?

    @Option(help: "Record the run as a new session in this SQLite trace (created when missing).")
    var record: String?

    @Option(help: "With --record: store audio in full, or only its summary (hash); both replay bit for bit.")
    var audio: AudioModeArgument = .full

    @Option(help: "With --record: the trace never grows past this many MiB. A full file is left as it is and the session goes to the next one (NAME-2.sqlite, …); a session that would take its file past the limit stops being recorded, saying so (exit 2; what was committed is kept).")
    var maxMb: Int?

    func validate() throws {
        if let maxMb, maxMb < 1 || maxMb > 1 << 30 { throw ValidationError("--max-mb must be 1...\(1 << 30).") }
        if maxMb != nil && record == nil { throw ValidationError("--max-mb needs --record.") }
    }

    func run() throws {
        let scenario = try options.load()
        let eventLog = log ? EventLog(toStandardError: json) : nil
        let tracks = timeline.map { _ in Timeline(next: eventLog) }
        let observer: SimulationObserver? = tracks ?? eventLog
        let started = FileHandleLite.monotonicSeconds()
        var result: SimulationResult
        var users: [SimUser] = []
        if let record {
            let (path, writerOptions) = recordingTarget(record)
            do {
                let recorded = try Simulation.runRecording(scenario: scenario, seed: options.seedValue, path: path,
                                                           audio: audio.mode, next: observer, options: writerOptions)
                result = recorded.result
                users = recorded.users
                printError("recorded session \(recorded.sessionID) in \(sanitizedForTerminal(path))")
            } catch {
                printError("error: \(sanitizedForTerminal("\(error)"))")
                throw VoiceSimExit.badInput
            }
        } else {
            var simulation = Simulation(scenario: scenario, seed: options.seedValue, observer: observer)
            simulation.keepsAudioSamples = false
            result = simulation.run()
            users = simulation.users
        }
        result.wallSeconds = FileHandleLite.monotonicSeconds() - started
        if let timeline, let tracks {
            try FileHandleLite.writeFile(tracks.traceJSON(scenario: scenario, users: users).rendered(indent: nil),
                                     to: timeline)
        }
        print(json ? result.json.rendered() : sanitizedForTerminal(result.text, keepingNewlines: true))
        if !result.invariantViolations.isEmpty { throw VoiceSimExit.failure }
    }

    /// The file `--record` writes to now, and the writer's options: with `--max-mb`, the first
    /// of NAME, NAME-2, … that has room, and the limit the writer keeps.
    private func recordingTarget(_ record: String) -> (path: String, options: TraceWriter.Options) {
        guard let maxMb else { return (record, .simulation) }
        let bytesMax = Int64(maxMb) << 20
        var rotation = TraceRotation(basePath: record, bytesMax: bytesMax)
        let path = rotation.pathForNewSession()
        if path != record {
            printError("\(sanitizedForTerminal(record)) has reached --max-mb \(maxMb); recording into "
                + sanitizedForTerminal(path))
        }
        var options = TraceWriter.Options.simulation
        options.bytesMax = bytesMax
        return (path, options)
    }
}

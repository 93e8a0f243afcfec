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

    func run() throws {
        let scenario = try options.load()
        let eventLog = log ? EventLog() : nil
        let tracks = timeline.map { _ in Timeline(next: eventLog) }
        let observer: SimulationObserver? = tracks ?? eventLog
        let started = FileHandleLite.monotonicSeconds()
        var result: SimulationResult
        var users: [SimUser] = []
        if let record {
            do {
                let recorded = try Simulation.runRecording(scenario: scenario, seed: options.seedValue, path: record,
                                                           audio: audio.mode, next: observer)
                result = recorded.result
                users = recorded.users
                printError("recorded session \(recorded.sessionID) in \(record)")
            } catch {
                printError("error: \(error)")
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
        print(json ? result.json.rendered() : result.text)
        if !result.invariantViolations.isEmpty { throw VoiceSimExit.failure }
    }
}

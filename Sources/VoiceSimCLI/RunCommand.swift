import ArgumentParser
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

    func run() throws {
        let scenario = try options.load()
        let eventLog = log ? EventLog() : nil
        let tracks = timeline.map { _ in Timeline(next: eventLog) }
        var simulation = Simulation(scenario: scenario, seed: options.seedValue, observer: tracks ?? eventLog)
        let started = FileHandleLite.monotonicSeconds()
        var result = simulation.run()
        result.wallSeconds = FileHandleLite.monotonicSeconds() - started
        if let timeline, let tracks {
            try FileHandleLite.writeFile(tracks.traceJSON(scenario: scenario, users: simulation.users).rendered(indent: nil),
                                     to: timeline)
        }
        print(json ? result.json.rendered() : result.text)
        if !result.invariantViolations.isEmpty { throw VoiceSimExit.failure }
    }
}

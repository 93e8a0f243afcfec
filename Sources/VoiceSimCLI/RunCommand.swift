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

    func run() throws {
        let scenario = try options.load()
        let eventLog = log ? EventLog() : nil
        var simulation = Simulation(scenario: scenario, seed: options.seedValue, observer: eventLog)
        let started = FileHandleLite.monotonicSeconds()
        var result = simulation.run()
        result.wallSeconds = FileHandleLite.monotonicSeconds() - started
        print(json ? result.json.rendered() : result.text)
        if !result.invariantViolations.isEmpty { throw VoiceSimExit.failure }
    }
}

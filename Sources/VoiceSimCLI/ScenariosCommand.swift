import ArgumentParser
import CLISupport
import Recorder
import VoiceSim

struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the built-in scenarios, or print one as YAML to start a file of your own."
    )

    @Argument(help: "Print this built-in scenario's YAML source.")
    var name: String?

    func run() throws {
        if let name {
            guard let source = BuiltinScenarios.source(named: name) else {
                printError("error: no built-in scenario named '\(sanitizedForTerminal(name))'; known: \(BuiltinScenarios.names.joined(separator: ", "))")
                throw VoiceSimExit.badInput
            }
            print(source)
            return
        }
        let rows = BuiltinScenarios.all.map { scenario in
            [scenario.name, scenario.pipeline.description, "\(scenario.durationMicros / 1_000_000) s",
             String(scenario.users.count), String(scenario.faults.count), scenario.description]
        }
        for line in Table(header: ["name", "pipeline", "duration", "users", "faults", "description"], rows: rows).lines {
            print(line)
        }
    }
}

import ArgumentParser
import CLISupport
import VoiceSim

/// How a command names the scenario it runs.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "A built-in scenario name (see `voicesim scenarios`) or a scenario file (.json, .yaml).")
    var scenario: String

    @Option(help: "Override the scenario's seed (decimal or 0x-prefixed hex).")
    var seed: String?

    func validate() throws {
        if let seed, parseSeed(seed) == nil {
            throw ValidationError("--seed must be an unsigned 64-bit integer, decimal or 0x-hex; got '\(seed)'.")
        }
    }

    var seedValue: UInt64? { seed.flatMap(parseSeed) }

    /// Loads the scenario, or prints the error naming file and field and exits 2.
    func load() throws -> Scenario { try ScenarioOptions.loadScenario(scenario) }

    static func loadScenario(_ name: String) throws -> Scenario {
        do {
            return try Scenario.load(fileOrBuiltinName: name)
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
    }
}

func parseSeed(_ text: String) -> UInt64? {
    if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
    return UInt64(text)
}

import ArgumentParser
import CLISupport
import VoiceLive
import VoiceSim

struct FidelityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fidelity",
        abstract: "Run a scenario in simulation and live on loopback, and compare their latencies.",
        discussion: """
            The live side runs in real time: the provider stand-ins with the scenario's provider profiles \
            and seed, the server, the fault proxy in front of it replaying the scenario's network and the \
            fault kinds TCP can show (the others are named), and one call per user speaking that user's \
            script. Both sides are measured the same way: voice to voice by each caller's agent, the \
            components from the server's inputs and commands. Prints p50 and p95 of each, side by side, \
            with live ÷ sim.

            Exit 0 when both sides ran, 2 for a scenario the live runtime cannot place (V1, several calls \
            per user, utterances at simulated events) or a bad file.
            """
    )

    @Argument(help: "A built-in scenario name or a scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "Stop both sides after this many seconds of call time (default: the scenario's duration).")
    var maxSeconds: Int64?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        if let maxSeconds, maxSeconds < 1 { throw ValidationError("--max-seconds must be positive.") }
    }

    func run() async throws {
        let loaded: Scenario
        do {
            loaded = try Scenario.load(fileOrBuiltinName: scenario)
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
        let options = FidelityOptions(
            scenario: loaded, maxMicros: maxSeconds.map { $0 * 1_000_000 } ?? loaded.durationMicros,
            log: { printError($0) })
        let report: FidelityReport
        do {
            report = try await Fidelity.run(options)
        } catch let error as FidelityError {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
        print(json ? report.json.rendered() : report.text)
    }
}

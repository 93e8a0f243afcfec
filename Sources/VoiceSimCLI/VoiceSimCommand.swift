import ArgumentParser
import CLISupport

@main
struct VoiceSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voicesim",
        abstract: "Deterministic simulation and replay debugger for a realtime voice-chat pipeline.",
        discussion: """
            Live commands, run by the voicesim-live executable beside this one: serve, call, proxy, providers, \
            fidelity, bench live.
            """,
        subcommands: [
            DemoCommand.self, RunCommand.self, ScenariosCommand.self, FuzzCommand.self, BenchCommand.self,
            ReplayCommand.self, InspectCommand.self, RecordSyntheticCommand.self,
            TimelineCommand.self, DebugCommand.self, DiffCommand.self, ExtractCommand.self, QueryCommand.self, ExportAudioCommand.self,
            RegressCommand.self, VerifyCommand.self,
            PopulationCommand.self,
        ]
    )

    static func main() {
        let arguments = ProcessArguments.checked()
        if LiveHandOver.isLive(arguments) { LiveHandOver.exec(arguments) }
        if FuzzMergeCommand.isMerge(arguments) {
            FuzzMergeCommand.main(Array(arguments.dropFirst(2)))
            return
        }
        if let run = RunCommand.parsedDirectly(arguments) {
            do {
                try run.run()
            } catch {
                exit(withError: error)
            }
            return
        }
        main(arguments)
    }
}

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
        let arguments: [String]
        switch ProcessArguments.current() {
        case .success(let given): arguments = given
        case .failure(let problem):
            printError("error: \(problem.message)")
            exit(withError: VoiceSimExit.usage)
        }
        if let file = ProcessArguments.flagLikeFile(in: arguments) {
            printError("error: \(ProcessArguments.flagLikeFileMessage(file))")
            exit(withError: VoiceSimExit.usage)
        }
        if LiveHandOver.isLive(arguments) { LiveHandOver.exec(arguments) }
        if FuzzMergeCommand.isMerge(arguments) {
            FuzzMergeCommand.main(Array(arguments.dropFirst(2)))
            return
        }
        main(arguments)
    }
}

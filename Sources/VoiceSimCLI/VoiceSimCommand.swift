import ArgumentParser

@main
struct VoiceSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voicesim",
        abstract: "Deterministic simulation and replay debugger for a realtime voice-chat pipeline.",
        subcommands: [
            DemoCommand.self, RunCommand.self, ScenariosCommand.self, FuzzCommand.self, BenchCommand.self,
            ReplayCommand.self, InspectCommand.self, RecordSyntheticCommand.self,
            ServeCommand.self, CallCommand.self, ProxyCommand.self,
        ]
    )
}

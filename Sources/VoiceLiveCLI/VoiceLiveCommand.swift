import ArgumentParser
import CLISupport

/// The live runtime's commands, in their own executable so that `voicesim` (simulation,
/// replay, fuzzing) starts and builds without SwiftNIO, Hummingbird and BoringSSL.
/// `voicesim serve …` and the other live commands hand over to this binary.
@main
struct VoiceLiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voicesim",
        abstract: "VoiceSim's live runtime: real sockets, real or stand-in providers, recorded sessions.",
        subcommands: [
            ServeCommand.self, CallCommand.self, ProxyCommand.self, ProvidersCommand.self, BenchGroupCommand.self,
            SpeakCommand.self, TranscribeCommand.self, FidelityCommand.self,
        ]
    )

    /// Parses the arguments byte for byte (`voicesim` hands them over unchanged), refusing a
    /// flag-like file name as `voicesim` does.
    static func main() async {
        await main(ProcessArguments.checked())
    }
}

/// `voicesim bench live`: the live half of `bench` (the simulated half stays in `voicesim`).
struct BenchGroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of the live runtime.",
        subcommands: [BenchLiveCommand.self]
    )
}

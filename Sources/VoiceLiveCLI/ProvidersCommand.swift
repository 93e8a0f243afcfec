import ArgumentParser
import CLISupport
import VoiceLive

struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "Run the local provider stand-ins (Deepgram, Anthropic, ElevenLabs protocols) until SIGINT or SIGTERM.",
        discussion: """
            Prints each stand-in's base URL. Point real-provider clients at them with DEEPGRAM_URL, \
            ANTHROPIC_URL and ELEVENLABS_URL (any non-empty key is accepted).
            """
    )

    @Option(help: "Listen on ports P (Deepgram), P+1 (Anthropic) and P+2 (ElevenLabs); ephemeral ports if absent.")
    var portBase: Int?

    @Option(help: "Host to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Seed of every latency, reply and voice the stand-ins produce.")
    var seed: UInt64 = 1

    @Option(help: "Refuse the first N LLM requests with HTTP 529 (overloaded).")
    var llmOverloadFirst = 0

    @Option(help: "Close a Deepgram stream that receives nothing for this long (NET-0001); the STT profile's 10 s if absent.")
    var sttIdleTimeoutMs: Int?

    @Option(help: "synthetic (energy endpointer, synthetic voice) or speech (pocketsphinx hears, espeak-ng speaks).")
    var standIns: StandInsArgument = .synthetic

    func validate() throws {
        if let portBase, !(1...65_533).contains(portBase) {
            throw ValidationError("--port-base must be between 1 and 65533, got \(portBase).")
        }
        guard llmOverloadFirst >= 0 else { throw ValidationError("--llm-overload-first must be 0 or more.") }
        if let sttIdleTimeoutMs, sttIdleTimeoutMs <= 0 {
            throw ValidationError("--stt-idle-timeout-ms must be positive, got \(sttIdleTimeoutMs).")
        }
    }

    func run() async throws {
        var configuration = StandInConfiguration(
            seed: seed, host: host, portBase: portBase,
            stt: STTStandInFaults(idleTimeoutMillis: sttIdleTimeoutMs),
            llm: LLMStandInFaults(overloadFirstRequests: llmOverloadFirst))
        configuration.speech = self.standIns == .speech
        let standIns: StandIns
        do {
            standIns = try await StandIns.start(configuration)
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.failure
        }
        print("deepgram    \(standIns.deepgramURL)")
        print("anthropic   \(standIns.anthropicURL)")
        print("elevenlabs  \(standIns.elevenLabsURL)")
        print("seed        \(seed)")
        print("export DEEPGRAM_URL=\(standIns.deepgramURL) ANTHROPIC_URL=\(standIns.anthropicURL) ELEVENLABS_URL=\(standIns.elevenLabsURL)")
        FileHandleLite.flushOutput()
        await StandIns.waitForTerminationSignal()
        await standIns.shutdown()
    }
}

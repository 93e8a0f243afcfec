import ArgumentParser
import CLISupport
import Foundation
import VoiceLive
import VoiceSim

struct BenchLiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Load-test the live server: N concurrent calls on loopback, without and with recording.",
        discussion: """
            Runs the server, its providers and N callers in this process (a release build gives real \
            numbers: swift run -c release voicesim bench live --sessions 200). The same load runs twice, \
            without and then with a trace, so recordingOverheadPercent compares like with like. CPU is the \
            whole process's (callers included), so per-session figures are an upper bound for the server. \
            serverAdded is, per inbox item, the time from being queued to its effects being handed off \
            (socket write queued, provider command submitted): what the server adds to the providers' own \
            timing. --providers none answers nothing and measures the server's own path alone.
            """
    )

    @Option(help: "Concurrent calls.")
    var sessions = 100

    @Option(help: "Length of each call, in seconds.")
    var seconds: Int64 = 10

    @Option(help: "Providers: local (stand-ins), none (never answer: the server alone), real.")
    var providers: BenchProviders = .local

    @OptionGroup var output: BenchOutput

    func validate() throws {
        guard (1...5_000).contains(sessions) else { throw ValidationError("--sessions must be 1...5000.") }
        guard (3...600).contains(seconds) else { throw ValidationError("--seconds must be 3...600.") }
    }

    func run() async throws {
        let factory: any ProviderFactory
        var standIns: StandIns?
        let environment = ProcessInfo.processInfo.environment
        do {
            switch providers {
            case .none: factory = SilentProviderFactory()
            case .local: (factory, standIns) = try await ProviderChoice.local.makeFactory(environment: environment)
            case .real: (factory, standIns) = try await ProviderChoice.real.makeFactory(environment: environment)
            }
        } catch {
            printError("error: \(error) (try --providers none)")
            throw VoiceSimExit.badInput
        }
        let plain = try await LiveBench.run(sessions: sessions, seconds: seconds, providers: factory, tracePath: nil)
        let tracePath = TemporaryTrace.path("bench-live")
        TemporaryTrace.remove(tracePath)
        defer { TemporaryTrace.remove(tracePath) }
        let recorded = try await LiveBench.run(sessions: sessions, seconds: seconds, providers: factory,
                                               tracePath: tracePath)
        await standIns?.shutdown()
        let overhead = plain.cpuSeconds > 0 ? (recorded.cpuSeconds - plain.cpuSeconds) / plain.cpuSeconds * 100 : 0
        // The same difference as a share of one core per session: what recording costs a session.
        let recordingPerSession = (recorded.cpuSeconds - plain.cpuSeconds) / recorded.wallSeconds * 100 / Double(sessions)
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        let summary: [(String, JSONValue)] = [
            ("sessions", .int(Int64(sessions))), ("seconds", .int(seconds)),
            ("providers", .string(providers.rawValue)), ("build", .string(build)),
            ("sessionsHeld", .int(Int64(min(plain.sessionsHeld, recorded.sessionsHeld)))),
            ("serverAddedP50Ms", .number(recorded.serverAddedP50Millis, decimals: 3)),
            ("serverAddedP95Ms", .number(recorded.serverAddedP95Millis, decimals: 3)),
            ("cpuPerSessionPercent", .number(plain.cpuPerSessionPercent, decimals: 3)),
            ("recordingOverheadPercent", .number(overhead, decimals: 1)),
            ("recordingCPUPerSessionPercent", .number(recordingPerSession, decimals: 4)),
            ("withoutRecording", BenchLiveCommand.phase(plain)), ("withRecording", BenchLiveCommand.phase(recorded)),
        ]
        if output.json {
            print(JSONValue.object(summary).rendered())
            return
        }
        print("bench live: \(sessions) sessions × \(seconds) s, providers \(providers.rawValue), \(build) build")
        print("  sessions held        \(plain.sessionsHeld) / \(recorded.sessionsHeld) (without / with recording)")
        print("  server added         p50 \(fixed(recorded.serverAddedP50Millis)) ms, p95 \(fixed(recorded.serverAddedP95Millis)) ms"
              + " (without recording: \(fixed(plain.serverAddedP50Millis)) / \(fixed(plain.serverAddedP95Millis)) ms)")
        print("  CPU per session      \(fixed(plain.cpuPerSessionPercent)) % of a core (with recording \(fixed(recorded.cpuPerSessionPercent)) %)")
        print("  recording overhead   \(fixed(overhead)) % more CPU (\(String(format: "%.4f", recordingPerSession)) % of a core"
              + " per session); trace \(recorded.traceBytes / 1_024) KiB")
    }

    static func phase(_ phase: LiveBench.Phase) -> JSONValue {
        .object([
            ("sessionsHeld", .int(Int64(phase.sessionsHeld))), ("inboxItems", .int(Int64(phase.inboxItems))),
            ("serverAddedP50Ms", .number(phase.serverAddedP50Millis, decimals: 3)),
            ("serverAddedP95Ms", .number(phase.serverAddedP95Millis, decimals: 3)),
            ("cpuSeconds", .number(phase.cpuSeconds, decimals: 2)), ("wallSeconds", .number(phase.wallSeconds, decimals: 2)),
            ("cpuPerSessionPercent", .number(phase.cpuPerSessionPercent, decimals: 3)),
            ("traceBytes", .int(phase.traceBytes)),
        ])
    }
}

private func fixed(_ value: Double) -> String { String(format: "%.2f", value) }

/// `--json` for `bench` and `bench live`.
struct BenchOutput: ParsableArguments {
    @Flag(help: "Print one JSON object.")
    var json = false
}

/// `--providers local|none|real` for the bench.
enum BenchProviders: String, ExpressibleByArgument, CaseIterable {
    case local
    case none
    case real
}

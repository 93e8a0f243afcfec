import ArgumentParser
import CLISupport
import Foundation
import Recorder
import UnixSignals
import VoiceCore
import VoiceLive

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the live /api/voice-v2 WebSocket server (one voice-core session per call).",
        discussion: """
            Clients must present the token from VOICESIM_TOKEN (one is generated and printed when it is \
            unset) as ?token= or an Authorization: Bearer header. GET /health reports the sessions. \
            SIGINT or SIGTERM ends every call, accounts it and flushes the traces before exiting.
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "Record every session into this SQLite trace (replay it with voicesim replay).")
    var record: String?

    @Option(help: "Audio in the trace: hash (fingerprints, small) or full (every sample).")
    var audio: AudioModeArgument = .hash

    @Option(help: "Start a new trace file once the current one reaches this many MiB.")
    var rotateMb: Int?

    @Option(help: "With --record: a trace file never grows past this many MiB. A session that would take it past stops being recorded (the log says so; what was committed is kept), and new sessions start in the next file, as with --rotate-mb.")
    var maxMb: Int?

    @Option(help: "Providers: local (in-process stand-ins) or real (keys from the environment).")
    var providers: ProviderChoiceArgument = .local

    @Option(help: "Stand-ins (--providers local): synthetic (energy endpointer, synthetic voice) or speech (pocketsphinx hears, espeak-ng speaks).")
    var standIns: StandInsArgument = .synthetic

    @Option(help: "Keep the session manager's state (daily calls, monthly spend, voice_sessions) in this SQLite file.")
    var state: String?

    @Option(help: "Concurrent sessions before new calls are refused with 1013.")
    var sessionsMax = 2_000

    @Option(help: "Messages one connection may send per second before it is closed as a flood.")
    var messagesPerSecond = 200

    @Option(help: "Longest call, in seconds.")
    var sessionSecondsMax: Int64 = 3_600

    @Option(help: "Calls one user may start per day.")
    var dailyCalls = 500

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535.") }
        if let rotateMb, rotateMb < 1 { throw ValidationError("--rotate-mb must be at least 1.") }
        if let maxMb, maxMb < 1 || maxMb > 1 << 30 { throw ValidationError("--max-mb must be 1...\(1 << 30).") }
        if maxMb != nil && record == nil { throw ValidationError("--max-mb needs --record.") }
        guard sessionsMax >= 1, messagesPerSecond >= 1, sessionSecondsMax >= 1, dailyCalls >= 1 else {
            throw ValidationError("--sessions-max, --messages-per-second, --session-seconds-max and --daily-calls must be positive.")
        }
    }

    func run() async throws {
        let log: @Sendable (String) -> Void = { printError($0) }
        let factory: any ProviderFactory
        let standIns: StandIns?
        do {
            (factory, standIns) = try await providers.choice.makeFactory(
                speech: self.standIns == .speech, environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
        let token = ProcessInfo.processInfo.environment["VOICESIM_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ServeCommand.generateToken()
        if ProcessInfo.processInfo.environment["VOICESIM_TOKEN"]?.isEmpty ?? true {
            print("VOICESIM_TOKEN is unset; clients must use this token: \(token)")
        }
        var stateStore: SessionStateStore?
        if let state {
            do {
                stateStore = try SessionStateStore(
                    path: state, limits: SessionLimits(dailyCallsMax: dailyCalls), now: ServeCommand.unixMicros(), notify: log)
            } catch {
                printError("error: \(state): cannot open the session state: \(error)")
                throw VoiceSimExit.badInput
            }
        }
        var traceOptions = TraceStore.liveOptions
        traceOptions.bytesMax = maxMb.map { Int64($0) << 20 }
        let traces = record.map {
            TraceStore(path: $0, rotateBytes: (rotateMb ?? maxMb).map { Int64($0) << 20 }, audio: audio.mode,
                       options: traceOptions, report: log)
        }
        let options = LiveServerOptions(
            host: host, port: port, token: token,
            limits: ServerLimits(messagesPerSecondMax: messagesPerSecond, sessionsMax: sessionsMax,
                                 sessionMicrosMax: sessionSecondsMax * 1_000_000),
            traces: traces, state: stateStore, providers: factory, log: log)
        let server = LiveServer(options: options)
        let host = host
        try await server.run(signals: [.sigint, .sigterm]) { port in
            print("voicesim serve: ws://\(host):\(port)/api/voice-v2 (GET /health)")
            if let path = traces?.currentPath { print("voicesim serve: recording to \(path)") }
            FileHandleLite.flushOutput()
        }
        await standIns?.shutdown()
        print("voicesim serve: stopped; sessions ended and traces flushed")
    }

    static func generateToken() -> String {
        (0..<4).map { _ in hex16(UInt64.random(in: 0...UInt64.max)) }.joined()
    }

    static func unixMicros() -> Int64 { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()) }
}

/// `--providers local|real`.
enum ProviderChoiceArgument: String, ExpressibleByArgument, CaseIterable {
    case local
    case real

    var choice: ProviderChoice {
        switch self {
        case .local: .local
        case .real: .real
        }
    }
}

/// `--stand-ins synthetic|speech`.
enum StandInsArgument: String, ExpressibleByArgument, CaseIterable {
    case synthetic
    case speech
}

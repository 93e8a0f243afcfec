import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOConcurrencyHelpers
import NIOCore
import ServiceLifecycle
import UnixSignals

/// The three local provider stand-ins, running in this process: Deepgram (STT), Anthropic
/// (LLM) and ElevenLabs (TTS), each on its own port of `configuration.host`.
///
/// The real adapters talk to them unchanged (`endpoints`); only the base URLs differ.
/// Start with `StandIns.start(_:)`, stop with `shutdown()`.
public final class StandIns: Sendable {
    public let configuration: StandInConfiguration
    /// `ws://host:port` of the Deepgram stand-in.
    public let deepgramURL: String
    /// `http://host:port` of the Anthropic stand-in.
    public let anthropicURL: String
    /// `ws://host:port` of the ElevenLabs stand-in.
    public let elevenLabsURL: String
    /// What the stand-ins saw and did.
    public let log: StandInLog
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    private init(configuration: StandInConfiguration, ports: [Int], log: StandInLog, group: ServiceGroup,
                 running: Task<Void, any Error>) {
        self.configuration = configuration
        deepgramURL = "ws://\(configuration.host):\(ports[0])"
        anthropicURL = "http://\(configuration.host):\(ports[1])"
        elevenLabsURL = "ws://\(configuration.host):\(ports[2])"
        self.log = log
        self.group = group
        self.running = running
    }
}

extension StandIns {
    /// The key every stand-in accepts (they check that one is sent, not its value).
    public static let apiKey = "stand-in-key"

    /// Warnings and errors only: a stand-in's per-connection chatter is not news.
    public static var quietLogger: Logger {
        var logger = Logger(label: "voicesim.stand-ins")
        logger.logLevel = .warning
        return logger
    }

    /// The adapters' endpoints for these stand-ins.
    public var endpoints: ProviderEndpoints {
        ProviderEndpoints(
            deepgram: .init(baseURL: deepgramURL, apiKey: StandIns.apiKey),
            anthropic: .init(baseURL: anthropicURL, apiKey: StandIns.apiKey),
            elevenLabs: .init(baseURL: elevenLabsURL, apiKey: StandIns.apiKey))
    }

    /// Starts the three servers and returns once all of them listen; throws if one cannot
    /// (e.g. its port is taken).
    public static func start(
        _ configuration: StandInConfiguration = StandInConfiguration(),
        logger: Logger = StandIns.quietLogger
    ) async throws -> StandIns {
        let log = StandInLog()
        let (listening, continuation) = AsyncStream<(index: Int, port: Int)>.makeStream()
        func port(_ index: Int) -> Int { configuration.portBase.map { $0 + index } ?? 0 }
        func onRunning(_ index: Int) -> @Sendable (any Channel) async -> Void {
            { channel in continuation.yield((index, channel.localAddress?.port ?? -1)) }
        }
        let webSocket = HTTP1WebSocketUpgradeChannel.Configuration(
            ws: WebSocketServerConfiguration(maxFrameSize: configuration.maxFrameBytes, autoPing: .disabled))

        let sttRouter = Router(context: BasicWebSocketRequestContext.self)
        STTStandIn(configuration: configuration, log: log).addRoutes(to: sttRouter)
        let stt = Application(
            router: Router(), server: .http1WebSocketUpgrade(webSocketRouter: sttRouter, configuration: webSocket),
            configuration: .init(address: .hostname(configuration.host, port: port(0)), serverName: "deepgram-stand-in"),
            onServerRunning: onRunning(0), logger: logger)

        let llmRouter = Router()
        LLMStandIn(configuration: configuration, log: log).addRoutes(to: llmRouter)
        let llm = Application(
            router: llmRouter,
            configuration: .init(address: .hostname(configuration.host, port: port(1)), serverName: "anthropic-stand-in"),
            onServerRunning: onRunning(1), logger: logger)

        let ttsRouter = Router(context: BasicWebSocketRequestContext.self)
        TTSStandIn(configuration: configuration, log: log).addRoutes(to: ttsRouter)
        let tts = Application(
            router: Router(), server: .http1WebSocketUpgrade(webSocketRouter: ttsRouter, configuration: webSocket),
            configuration: .init(address: .hostname(configuration.host, port: port(2)), serverName: "elevenlabs-stand-in"),
            onServerRunning: onRunning(2), logger: logger)

        let group = ServiceGroup(
            configuration: .init(services: [stt, llm, tts], gracefulShutdownSignals: [], logger: logger))
        let running = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var ports = [-1, -1, -1]
        for await (index, port) in listening {
            ports[index] = port
            if !ports.contains(-1) { break }
        }
        guard !ports.contains(-1) else {
            // The group stopped before all three listened: its error says why.
            try await running.value
            throw StandInStartError(host: configuration.host, portBase: configuration.portBase)
        }
        return StandIns(configuration: configuration, ports: ports, log: log, group: group, running: running)
    }

    /// Stops the servers (open streams are closed) and waits for them.
    public func shutdown() async {
        await group.triggerGracefulShutdown()
        _ = try? await running.value
    }
}

/// The stand-ins stopped before listening, without saying why.
public struct StandInStartError: Error, CustomStringConvertible {
    public let host: String
    public let portBase: Int?

    public var description: String {
        "the provider stand-ins could not listen on \(host)" + (portBase.map { " ports \($0)…\($0 + 2)" } ?? "")
    }
}

extension StandIns {
    /// Returns when the process receives SIGINT or SIGTERM (which no longer end it).
    public static func waitForTerminationSignal() async {
        for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { return }
    }
}

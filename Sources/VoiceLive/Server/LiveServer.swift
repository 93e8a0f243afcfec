import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import Recorder
import ServiceLifecycle
import UnixSignals
import VoiceCore
import VoiceSim

/// The live `/api/voice-v2` server: Hummingbird 2 with one `ServerSession` per call, each run
/// by its own `SessionDriver`.
///
/// - Auth: the token is checked before the WebSocket upgrade, so a refused client never gets
///   a session, a driver or a byte of state (HTTP 401).
/// - Limits (`ServerLimits`): message size, messages per second, concurrent sessions and call
///   length, each closing with its own `CloseReason`. A bad peer only ever loses its own
///   connection.
/// - Resume: a `resume` presenting a live session's id and token re-attaches that session's
///   driver, within the core's grace period.
/// - Shutdown (`shutdown()`, or SIGINT/SIGTERM with `run(signals:)`): sessions are closed with
///   1001, accounted and their traces finished before `run` returns.
public final class LiveServer: Sendable {
    public let options: LiveServerOptions
    let registry = SessionRegistry()
    let browserResults = BrowserResults()
    private let group = Locked<ServiceGroup?>(nil)
    private let connectionCounter = Locked<UInt64>(0)
    let startedAt = ContinuousClock.now

    public init(options: LiveServerOptions) {
        self.options = options
    }

    /// Sessions running now.
    public var sessionCount: Int { registry.count }

    /// Serves until `shutdown()` or one of `signals`; `onRunning` gets the bound port.
    public func run(signals: [UnixSignal] = [], onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        var logger = Logger(label: "voicesim.serve")
        logger.logLevel = .warning
        let application = Application(
            router: httpRouter(),
            server: .http1WebSocketUpgrade(
                webSocketRouter: webSocketRouter(),
                configuration: .init(
                    ws: .init(maxFrameSize: options.limits.frameBytesMax, autoPing: .enabled(timePeriod: .seconds(15)),
                              closeTimeout: .seconds(3)))),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "voicesim"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
        let sessions = SessionsService(server: self)
        var configuration = ServiceGroupConfiguration(
            services: [application, sessions], gracefulShutdownSignals: signals, logger: logger)
        // Sessions and traces are finished first (SessionsService); a peer that never lets its
        // socket close must not hold the process up forever after that.
        configuration.maximumGracefulShutdownDuration = .seconds(5)
        configuration.maximumCancellationDuration = .seconds(2)
        let serviceGroup = ServiceGroup(configuration: configuration)
        group.withLock { $0 = serviceGroup }
        try await serviceGroup.run()
    }

    /// Starts a graceful shutdown: sessions end, traces are flushed, then `run` returns.
    public func shutdown() async {
        guard let serviceGroup = group.withLock({ $0 }) else { return }
        await serviceGroup.triggerGracefulShutdown()
    }

    private func httpRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/health") { _, _ -> Response in
            let uptime = SessionClock.micros(self.startedAt.duration(to: .now)) / 1_000_000
            let body = "{\"status\":\"ok\",\"sessions\":\(self.registry.count),\"uptimeSeconds\":\(uptime)}\n"
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        // Reached only when the upgrade was refused (or the request was not an upgrade).
        router.get("/api/voice-v2") { request, _ -> Response in
            guard self.authorized(request) else {
                throw HTTPError(.unauthorized, message: "missing or wrong token: pass ?token= or Authorization: Bearer")
            }
            throw HTTPError(.upgradeRequired, message: "/api/voice-v2 is a WebSocket endpoint")
        }
        addBrowserRoutes(to: router)
        return router
    }

    private func webSocketRouter() -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/api/voice-v2") { request, _ in
            self.authorized(request) ? .upgrade([:]) : .dontUpgrade
        } onUpgrade: { inbound, outbound, context in
            let query = context.request.uri.queryParameters
            let phrases = query.getAll("phrase").map { String($0) }
            await self.serve(inbound: inbound, outbound: outbound, hints: SessionHints(expectedPhrases: phrases),
                             captions: query[AnswerCaption.queryName[...]] == "1")
        }
        return router
    }

    func authorized(_ request: Request) -> Bool {
        if let query = request.uri.queryParameters["token"], String(query) == options.token { return true }
        if let header = request.headers[.authorization], header == "Bearer \(options.token)" { return true }
        return false
    }

    func nextConnectionID() -> UInt64 {
        connectionCounter.withLock {
            $0 += 1
            return $0
        }
    }
}

/// Stops every session when the service group shuts down (it shuts down before the HTTP
/// server, being listed after it), so traces are finished before the process exits.
struct SessionsService: Service {
    let server: LiveServer

    func run() async throws {
        try? await gracefulShutdown()
        await server.registry.stopAll()
        await server.options.traces?.drain()
    }
}

import HummingbirdWebSocket
import NIOCore
import Recorder
import VoiceCore
import VoiceSim

extension LiveServer {
    /// One accepted WebSocket: reads, checks and decodes frames (off the sessions' loops), routes
    /// them to a session, and writes what the session sends through a writer task.
    /// `hints` (the phrases the caller declared) go to the providers of a session it starts;
    /// `captions`: the peer also gets each answer's text (`AnswerCaption`).
    func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, hints: SessionHints,
               captions: Bool = false) async {
        let (connection, outgoing) = LiveConnection.make(id: nextConnectionID(), captions: captions)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await LiveConnection.write(outgoing, to: outbound) }
            var session: Inbox<ServerNote>?
            do {
                try await read(inbound, connection, hints: hints, into: &session)
            } catch {
                // The socket failed or the peer broke the WebSocket protocol (NIO already closed it);
                // the session still hears that this connection is gone.
            }
            session?.notify(.detached(connectionID: connection.id))
            connection.finish()
        }
    }

    /// Reads until the peer closes or a limit is broken; `session` is the session the
    /// connection speaks for, once it is known.
    private func read(
        _ inbound: WebSocketInboundStream, _ connection: LiveConnection, hints: SessionHints,
        into session: inout Inbox<ServerNote>?
    ) async throws {
        var rate = MessageRate(limit: options.limits.messagesPerSecondMax)
        for try await message in inbound.messages(maxSize: options.limits.frameBytesMax) {
            guard rate.admit() else {
                options.log("connection \(connection.id): \(CloseReason.flood(rate.limit).reason)")
                connection.close(.flood(rate.limit))
                return
            }
            guard case .binary(var buffer) = message else {
                connection.close(.textFrame)
                return
            }
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            let decoded: ClientMessage
            do {
                decoded = try WireFrame.decodeClientMessage(bytes)
            } catch {
                options.log("connection \(connection.id): bad frame: \(error)")
                connection.close(.badFrame(error.description))
                return
            }
            if let session {
                session.notify(.received(connectionID: connection.id, decoded))
                continue
            }
            switch route(decoded, connection, hints: hints) {
            case .attached(let inbox):
                session = inbox
                inbox.notify(.received(connectionID: connection.id, decoded))
            case .unrouted:
                continue
            case .closed:
                return
            }
        }
    }

    private enum Routing {
        case attached(Inbox<ServerNote>)
        /// Answered without a session (an unknown resume); the client may say hello next.
        case unrouted
        case closed
    }

    /// The first message decides the session: hello starts one, resume finds one.
    private func route(_ message: ClientMessage, _ connection: LiveConnection, hints: SessionHints) -> Routing {
        switch message {
        case .hello(_, let pipeline, _):
            guard let inbox = startSession(pipeline: pipeline, hints: hints) else {
                connection.close(.busy(options.limits.sessionsMax))
                return .closed
            }
            inbox.notify(.attached(connection))
            return .attached(inbox)
        case .resume(let sessionID, let resumeToken, _):
            guard let entry = registry.resumable(sessionID: sessionID, resumeToken: resumeToken) else {
                // What the core itself answers to an unknown session: the client starts over with hello.
                connection.send(WireFrame.encode(ServerMessage.error(
                    code: .sessionUnknown, message: "session \(hex16(sessionID)) is unknown or expired")))
                return .unrouted
            }
            entry.inbox.notify(.attached(connection))
            return .attached(entry.inbox)
        case .audio, .commit, .interrupt, .played, .ping, .bye:
            connection.close(.badFrame("the first message must be hello or resume"))
            return .closed
        }
    }

    /// Starts a session's driver; nil when the concurrency limit is reached.
    func startSession(pipeline: Pipeline, hints: SessionHints = SessionHints()) -> Inbox<ServerNote>? {
        let label = "s-" + hex16(UInt64.random(in: 0...UInt64.max))
        let (stream, inbox) = SessionDriver<ServerRuntime>.makeInbox()
        guard registry.reserve(label: label, inbox: inbox, limit: options.limits.sessionsMax) else { return nil }
        let seed = UInt64.random(in: 0...UInt64.max)
        let setup = LaneSetup(client: ClientConfig(), clientSeed: 0, server: options.serverConfig, serverSeed: seed)
        let recording = options.traces?.begin(
            header: SessionHeader(
                origin: .live, seed: seed, codeVersion: VoiceSimVersion.current, started: Instant(micros: UnixTime.micros()),
                pipeline: pipeline.description,
                metadataJSON: "{\"side\":\"server\",\"session\":\"\(label)\",\"clock\":\"unix-micros\"}"),
            lanes: [setup])
        let providers = options.providers.makeProviders(
            sessionLabel: label, hints: hints, sink: { event in inbox.deliver(.server(lane: 0, event)) },
            requestIDs: { inbox.notify(.providerRequest($0)) })
        let runtime = ServerRuntime(
            label: label, registry: registry, providers: providers, state: options.state, limits: options.limits,
            recording: recording, log: options.log)
        let driver = SessionDriver(
            setup: setup, clock: SessionClock(start: .now), runtime: runtime, recording: recording,
            inbox: (stream, inbox))
        driver.probe = options.latencyProbe
        driver.arm(.runtime(ServerRuntime.sessionLengthTimer), at: Instant(micros: options.limits.sessionMicrosMax))
        let owned = UncheckedSendable(driver)
        Task { await owned.value.run() }
        return inbox
    }
}

/// Hands a value that is not `Sendable` to the one task that will own it from then on.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// Messages per one-second window on one connection.
struct MessageRate {
    let limit: Int
    private var windowStart = ContinuousClock.now
    private var count = 0

    init(limit: Int) {
        self.limit = limit
    }

    mutating func admit() -> Bool {
        let now = ContinuousClock.now
        if windowStart.duration(to: now) >= .seconds(1) {
            windowStart = now
            count = 0
        }
        count += 1
        return count <= limit
    }
}

import Foundation
import Recorder
import VoiceCore

/// The effect handlers of one `ServerSession` on a live server: socket writes and closes,
/// provider commands, admission and accounting through the session-state store, the
/// session-length limit, and the trace at the end.
public final class ServerRuntime: DriverRuntime {
    public typealias Note = ServerNote

    /// The runtime timer that ends a call at `ServerLimits.sessionMicrosMax`.
    static let sessionLengthTimer: UInt8 = 1

    let label: String
    let registry: SessionRegistry
    let providers: any SessionProviders
    let state: SessionStateStore?
    let limits: ServerLimits
    let recording: LiveRecording?
    let log: @Sendable (String) -> Void
    /// The connection that speaks for the client now.
    private(set) var current: LiveConnection?
    /// How the next `.closeConnection` closes (a limit sets it; otherwise a normal close).
    private var pendingClose: CloseReason?
    private var stopping = false
    private var accounted = false

    init(
        label: String, registry: SessionRegistry, providers: any SessionProviders, state: SessionStateStore?,
        limits: ServerLimits, recording: LiveRecording?, log: @escaping @Sendable (String) -> Void
    ) {
        self.label = label
        self.registry = registry
        self.providers = providers
        self.state = state
        self.limits = limits
        self.recording = recording
        self.log = log
    }

    public func translate(_ note: ServerNote, driver: SessionDriver<ServerRuntime>) -> [MachineInput] {
        let lane = driver.lane
        switch note {
        case .attached(let connection):
            var inputs: [MachineInput] = []
            if let old = current {
                old.close(.superseded)
                inputs.append(.server(lane: lane, .clientDisconnected))
            }
            current = connection
            inputs.append(.server(lane: lane, .clientConnected))
            return inputs
        case .detached(let connectionID):
            guard current?.id == connectionID else { return [] }
            current = nil
            return [.server(lane: lane, .clientDisconnected)]
        case .received(let connectionID, let message):
            guard current?.id == connectionID else { return [] }
            return [.server(lane: lane, .received(message))]
        case .shutdown:
            stopping = true
            pendingClose = .shuttingDown
            return []
        case .providerRequest(let id):
            driver.mark(kind: TraceMark.Kind.providerRequest.rawValue, label: id.description)
            return []
        }
    }

    public func perform(_ output: MachineOutput, at now: Instant, driver: SessionDriver<ServerRuntime>) {
        guard case .server(let actions) = output else { return }
        for action in actions {
            switch action {
            case .send(let message):
                if case .welcome(let sessionID, let resumeToken, _, _) = message {
                    registry.welcomed(label: label, sessionID: sessionID, resumeToken: resumeToken)
                }
                current?.send(WireFrame.encode(message))
            case .closeConnection:
                current?.close(pendingClose ?? .normal)
                pendingClose = nil
            case .requestAdmission(let userID, let pipeline):
                let inbox = driver.inbox
                let lane = driver.lane
                guard let state else {
                    inbox.deliver(.server(lane: lane, .admission(.granted)))
                    continue
                }
                state.admit(userID: userID, pipeline: pipeline, sessionLabel: label, now: UnixTime.micros()) {
                    inbox.deliver(.server(lane: lane, .admission($0)))
                }
            case .stt(let command):
                providers.submit(.stt(command))
            case .llm(let command):
                providers.submit(.llm(command))
            case .tts(let command):
                providers.submit(.tts(command))
                caption(command)
            case .sessionEnded(let usage):
                accounted = true
                state?.ended(sessionLabel: label, usage: usage, endedBy: "call", now: UnixTime.micros())
            case .setTimer, .cancelTimer:
                break
            }
        }
    }

    /// Tells a client that asked for captions the text its answer is spoken from.
    private func caption(_ command: TTSCommand) {
        guard let current, current.captions else { return }
        switch command {
        case .text(let responseID, let text), .synthesize(let responseID, let text):
            current.sendText(AnswerCaption(responseID: responseID, text: text).encoded)
        case .start, .flush, .cancel:
            break
        }
    }

    public func runtimeTimerFired(_ id: UInt8, driver: SessionDriver<ServerRuntime>) -> [MachineInput] {
        guard id == ServerRuntime.sessionLengthTimer else { return [] }
        let reason = CloseReason.sessionTooLong(limits.sessionMicrosMax / 1_000_000)
        log("session \(label): \(reason.reason)")
        driver.mark(kind: "limit", label: reason.reason)
        pendingClose = reason
        // The server ends the call as if the client had said bye; the input is recorded like any other.
        guard driver.machines.server.phase == .active else {
            stopping = true
            return []
        }
        return [.server(lane: driver.lane, .received(.bye))]
    }

    public func isFinished(_ machines: LaneMachines) -> Bool {
        switch machines.server.phase {
        case .ended: true
        case .awaitingHello: stopping || current == nil
        case .admitting, .active: stopping
        }
    }

    public func finish(_ machines: LaneMachines, driver: SessionDriver<ServerRuntime>) async {
        let server = machines.server
        if server.phase == .active && !accounted {
            // Cut by shutdown: account what was used so the cap and spend survive the restart.
            state?.ended(sessionLabel: label, usage: server.usage, endedBy: "shutdown", now: UnixTime.micros())
        }
        current?.close(pendingClose ?? .normal)
        current = nil
        await providers.shutdown()
        if let recording {
            _ = await recording.finish(ServerRuntime.summary(server, at: driver.lastTime, digest: driver.finalDigest),
                                       machines: machines)
        }
        registry.remove(label: label)
    }

    static func summary(_ server: ServerSession, at time: Instant, digest: UInt64) -> SessionSummary {
        let usage = server.usage
        let latencies = usage.turnLatencyMicros.sorted()
        let p95 = latencies.isEmpty ? nil : Double(latencies[(latencies.count * 95 + 99) / 100 - 1]) / 1_000
        return SessionSummary(
            ended: time, finalDigest: digest, turnCount: Int64(usage.turns),
            latencyMillisMean: usage.averageLatencyMicros.map { Double($0) / 1_000 }, latencyMillisP95: p95,
            interruptionCount: Int64(usage.interruptions), reconnectCount: Int64(usage.resumes),
            lostAudioMillis: usage.lostAudioMicros / 1_000, costUSD: Double(usage.costMicroUSD()) / 1_000_000)
    }
}

extension TraceMark.Kind {
    /// A provider's own ids for a request or stream (`ProviderRequestID`).
    static let providerRequest = Self(rawValue: "provider_request")
}

/// Wall-clock time for the session manager and trace headers (never for a core).
enum UnixTime {
    static func micros() -> Int64 { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()) }
}

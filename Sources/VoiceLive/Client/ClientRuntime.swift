import HummingbirdWSClient
import Logging
import NIOCore
import Recorder
import VoiceCore

/// The effect handlers of one `ClientAgent` on the wall clock: the WebSocket (connect, send,
/// close), the paced mic, the speaker, the end of the call, and the turn table.
public final class ClientRuntime: DriverRuntime {
    public typealias Note = ClientNote

    /// The runtime timer that hangs up at `CallOptions.maxMicros`.
    static let callLimitTimer: UInt8 = 1

    let options: CallOptions
    let recording: LiveRecording?
    private var mic: MicSource
    private(set) var speaker = Speaker()
    private var turns = CallTurns()
    private var current: LiveConnection?
    private var connectionTasks: [Task<Void, Never>] = []
    private var nextConnectionID: UInt64 = 0
    private var micTicks: UInt64 = 0
    private var ending = false
    private var playing: UInt32?
    private(set) var serverErrors: [String] = []

    init(options: CallOptions, recording: LiveRecording?) {
        self.options = options
        self.recording = recording
        mic = MicSource(options.mic)
        turns.said = options.mic.said
    }

    public func translate(_ note: ClientNote, driver: SessionDriver<ClientRuntime>) -> [MachineInput] {
        let lane = driver.lane
        switch note {
        case .micTick(let index):
            micTicks = index
            return [.client(lane: lane, .micCaptured(mic.chunk(index)))]
        case .opened(let id):
            guard current?.id == id else { return [] }
            return [.client(lane: lane, .connected)]
        case .closed(let id, let reason):
            guard current?.id == id else { return [] }
            current = nil
            return [.client(lane: lane, .disconnected(reason))]
        case .received(let id, let message):
            guard current?.id == id else { return [] }
            switch message {
            case .finalTranscript(let text): turns.heard(text)
            case .error(let code, let text): serverErrors.append("\(code): \(text)")
            default: break
            }
            return [.client(lane: lane, .received(message))]
        case .caption(let id, let caption):
            guard current?.id == id else { return [] }
            turns.caption(caption)
            return []
        }
    }

    public func perform(_ output: MachineOutput, at now: Instant, driver: SessionDriver<ClientRuntime>) {
        guard case .client(let actions) = output else { return }
        let metrics = driver.machines.client.metrics
        for action in actions {
            switch action {
            case .connect:
                connect(driver.inbox)
            case .disconnect:
                current?.close(.normal)
                current?.finish()
                current = nil
                abandonStaleConnections()
            case .send(let message):
                if case .interrupt(let responseID, let playedMillis) = message {
                    turns.interrupted(responseID)
                    driver.mark(kind: TraceMark.Kind.interruption.rawValue,
                                label: "barge-in on response \(responseID) after \(playedMillis) ms")
                }
                current?.send(WireFrame.encode(message))
            case .play(let responseID, let chunk):
                speaker.play(chunk, at: now)
                turns.played(responseID, micros: chunk.durationMicros, voiceToVoice: metrics.voiceToVoiceMicros, at: now)
                if playing != responseID {
                    playing = responseID
                    mic.assistantStarted(at: now)
                }
            case .stopPlayback:
                speaker.stop(at: now)
                turns.stopped(at: now)
            case .showState(let state):
                if state == .reconnecting {
                    driver.mark(kind: TraceMark.Kind.reconnect.rawValue,
                                label: "reconnecting (attempt \(metrics.reconnectAttempts))")
                }
                if state == .listening, playing != nil {
                    playing = nil
                    mic.assistantFinished(at: now)
                }
            case .setTimer, .cancelTimer:
                break
            }
        }
        checkEnd(driver)
    }

    public func runtimeTimerFired(_ id: UInt8, driver: SessionDriver<ClientRuntime>) -> [MachineInput] {
        guard id == ClientRuntime.callLimitTimer else { return [] }
        options.log("call: time limit of \(options.maxMicros / 1_000_000) s reached, hanging up")
        return hangUp(driver)
    }

    public func isFinished(_ machines: LaneMachines) -> Bool {
        switch machines.client.connection {
        case .ended, .failed: true
        case .idle, .connecting, .handshaking, .ready, .waitingToRetry: false
        }
    }

    public func finish(_ machines: LaneMachines, driver: SessionDriver<ClientRuntime>) async {
        current?.finish()
        current = nil
        // Closed connections end at once; one stuck in a handshake nobody answers is given up
        // on after `closeGraceMicros` (its task is cancelled), so a call always returns.
        let tasks = connectionTasks
        let (done, signal) = AsyncStream<Void>.makeStream()
        let waiter = Task {
            for task in tasks { await task.value }
            signal.yield()
        }
        let timeout = Task {
            try? await Task.sleep(for: .microseconds(ClientRuntime.closeGraceMicros))
            signal.yield()
        }
        for await _ in done { break }
        timeout.cancel()
        waiter.cancel()
        for task in tasks { task.cancel() }
    }

    /// How long a hung-up call waits for its sockets to close.
    static let closeGraceMicros: Int64 = 2_000_000

    /// The turns with what the client measured.
    func report(_ machines: LaneMachines, driver: SessionDriver<ClientRuntime>) -> CallReport {
        let agent = machines.client
        return CallReport(
            turns: turns.reported, reconnectAttempts: agent.metrics.reconnectAttempts, resumes: agent.metrics.resumes,
            sessionRestarts: agent.metrics.sessionRestarts, bargeIns: agent.metrics.bargeIns,
            voiceToVoiceMicros: agent.metrics.voiceToVoiceMicros,
            lostAudioMillis: agent.replay.evictedUnackedMicros / 1_000, chunksReplayed: agent.metrics.chunksReplayed,
            heardAudio: speaker.track, finalState: agent.shownState.description, welcomed: agent.session != nil,
            durationMillis: driver.lastTime.micros / 1_000, serverErrors: serverErrors, finalDigest: driver.finalDigest,
            trace: nil)
    }

    /// Hangs up once the caller has said everything and the last answer has played out.
    private func checkEnd(_ driver: SessionDriver<ClientRuntime>) {
        guard !ending, mic.isFinished(afterChunk: micTicks > options.tailChunks ? micTicks - options.tailChunks : 0)
        else { return }
        let agent = driver.machines.client
        let quiet = agent.speechEndedAt == nil && agent.playback.active == nil && agent.connection == .ready
            && agent.shownState == .listening
        guard quiet else { return }
        ending = true
        driver.inbox.deliver(.client(lane: driver.lane, .callEnded))
    }

    private func hangUp(_ driver: SessionDriver<ClientRuntime>) -> [MachineInput] {
        guard !ending else { return [] }
        ending = true
        return [.client(lane: driver.lane, .callEnded)]
    }

    /// Cancels connection tasks still running for sockets the agent gave up on, after a grace
    /// period for their close handshakes; a handshake the server never answers ends here.
    private func abandonStaleConnections() {
        let stale = connectionTasks
        Task {
            try? await Task.sleep(for: .microseconds(ClientRuntime.closeGraceMicros))
            for task in stale { task.cancel() }
        }
    }

    /// Opens a WebSocket; its events come back as notes tagged with its id.
    private func connect(_ inbox: Inbox<ClientNote>) {
        current?.finish()
        nextConnectionID += 1
        let (connection, outgoing) = LiveConnection.make(id: nextConnectionID)
        current = connection
        let id = connection.id
        let declared = CallOptions.declaringPhrases(options.mic.said, in: options.url)
        let url = options.captions ? CallOptions.askingForCaptions(declared) : declared
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: WireFrame.headerBytes + WireFrame.payloadBytesMax,
            additionalHeaders: options.token.map { [.authorization: "Bearer \($0)"] } ?? [:],
            closeTimeout: .seconds(2))
        var logger = Logger(label: "voicesim.call")
        logger.logLevel = .critical
        connectionTasks.append(Task {
            let reason: DisconnectReason
            do {
                let close = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) {
                    inbound, outbound, _ in
                    inbox.notify(.opened(connectionID: id))
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { await LiveConnection.write(outgoing, to: outbound) }
                        for try await message in inbound.messages(maxSize: WireFrame.headerBytes + WireFrame.payloadBytesMax) {
                            switch message {
                            case .binary(var buffer):
                                guard let decoded = try? WireFrame.decodeServerMessage(
                                    buffer.readBytes(length: buffer.readableBytes) ?? [])
                                else { continue }
                                inbox.notify(.received(connectionID: id, decoded))
                            case .text(let text):
                                guard let caption = AnswerCaption(decoding: text) else { continue }
                                inbox.notify(.caption(connectionID: id, caption))
                            }
                        }
                        connection.finish()
                        try await group.waitForAll()
                    }
                }
                reason = close?.closeCode == .normalClosure || close?.closeCode == .goingAway ? .closedByPeer : .networkError
            } catch let error as WebSocketClientError where error == .webSocketUpgradeFailed {
                reason = .refused
            } catch {
                reason = .networkError
            }
            inbox.notify(.closed(connectionID: id, reason))
        })
    }
}

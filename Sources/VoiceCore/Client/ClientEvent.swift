/// Why a connection ended.
public enum DisconnectReason: UInt8, Equatable, Sendable, CaseIterable {
    case closedByPeer = 1
    case networkError = 2
    case timedOut = 3
    case refused = 4
}

/// Timers the client may set; each id has at most one pending deadline.
public enum ClientTimer: UInt8, Equatable, Sendable, CaseIterable {
    case reconnectBackoff = 1
    case connectTimeout = 2
    case keepalive = 3
    case playbackChunkEnd = 4
    /// A response has had nothing playing for `ClientConfig.playbackIdleMicros`.
    case playbackIdle = 5
}

/// Facts the browser side learns, in the order it learns them.
public enum ClientEvent: Equatable, Sendable {
    /// The user opened the call.
    case callStarted
    /// The user hung up.
    case callEnded
    case connected
    case disconnected(DisconnectReason)
    case received(ServerMessage)
    /// The mic produced one 100 ms chunk, ending now.
    case micCaptured(AudioChunk)
    case timerFired(ClientTimer)
}

/// The UI state the client shows, a superset of what the server reports.
public enum ClientState: UInt8, Equatable, Sendable, CaseIterable, CustomStringConvertible {
    case idle = 0
    case connecting = 1
    case listening = 2
    case thinking = 3
    case speaking = 4
    case reconnecting = 5
    case failed = 6
    case ended = 7

    public var description: String {
        switch self {
        case .idle: "idle"
        case .connecting: "connecting"
        case .listening: "listening"
        case .thinking: "thinking"
        case .speaking: "speaking"
        case .reconnecting: "reconnecting"
        case .failed: "failed"
        case .ended: "ended"
        }
    }
}

/// Commands the browser side asks its runtime to carry out.
public enum ClientAction: Equatable, Sendable {
    case connect
    case disconnect
    case send(ClientMessage)
    /// Start playing `chunk` of `responseID` now; it plays for `chunk.durationMicros`.
    case play(responseID: UInt32, chunk: AudioChunk)
    /// Stop playback at once (barge-in or a cancelled response).
    case stopPlayback(responseID: UInt32)
    case setTimer(ClientTimer, at: Instant)
    case cancelTimer(ClientTimer)
    case showState(ClientState)
}

/// What the user sees the assistant doing.
public enum ConversationState: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case listening = 1
    case thinking = 2
    case speaking = 3
    case reconnecting = 4

    public var description: String {
        switch self {
        case .listening: "listening"
        case .thinking: "thinking"
        case .speaking: "speaking"
        case .reconnecting: "reconnecting"
        }
    }
}

/// Machine-readable error codes sent to the client.
public enum ServerErrorCode: UInt8, Sendable, CaseIterable {
    case badRequest = 1
    case sessionUnknown = 2
    case refused = 3
    case providerFailed = 4
    case protocolViolation = 5
}

/// What `/api/voice-v2` sends to the browser.
public enum ServerMessage: Equatable, Sendable {
    case welcome(sessionID: UInt64, resumeToken: UInt64, lastReceivedSeq: UInt64, resumed: Bool)
    case partialTranscript(String)
    case finalTranscript(String)
    case responseStart(responseID: UInt32)
    case responseAudio(responseID: UInt32, chunk: AudioChunk)
    /// The response is complete; `cancelled` when the server dropped it (the client stops it too).
    case responseEnd(responseID: UInt32, cancelled: Bool)
    case state(ConversationState)
    case ack(seq: UInt64)
    case pong(nonce: UInt64)
    case error(code: ServerErrorCode, message: String)
}

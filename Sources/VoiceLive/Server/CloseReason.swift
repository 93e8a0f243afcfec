import NIOWebSocket

/// Why the server closes a connection: a WebSocket close code and a reason a person can act on.
public struct CloseReason: Equatable, Sendable, CustomStringConvertible {
    public var code: UInt16
    public var reason: String

    public init(code: UInt16, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The session ended normally.
    public static let normal = CloseReason(code: 1000, reason: "session ended")
    public static let shuttingDown = CloseReason(code: 1001, reason: "server shutting down")
    /// Another connection resumed the session.
    public static let superseded = CloseReason(code: 1000, reason: "session resumed on another connection")

    /// A frame that is not a valid `WireFrame` client message.
    public static func badFrame(_ detail: String) -> CloseReason {
        CloseReason(code: 1002, reason: "protocol error: \(detail)")
    }

    public static let textFrame = CloseReason(code: 1003, reason: "text frames are not accepted; send binary WireFrames")

    public static func flood(_ limit: Int) -> CloseReason {
        CloseReason(code: 1008, reason: "protocol error: flood, more than \(limit) messages in one second")
    }

    public static func sessionTooLong(_ seconds: Int64) -> CloseReason {
        CloseReason(code: 1008, reason: "session length limit of \(seconds) s reached")
    }

    public static func busy(_ limit: Int) -> CloseReason {
        CloseReason(code: 1013, reason: "server busy: \(limit) concurrent sessions (the limit); retry later")
    }

    /// The WebSocket close code.
    var webSocketCode: WebSocketErrorCode { WebSocketErrorCode(codeNumber: Int(code)) }

    /// The reason cut to the 123 bytes a close frame can carry, on a character boundary.
    var frameReason: String {
        var text = ""
        for character in reason {
            if text.utf8.count + String(character).utf8.count > 123 { break }
            text.append(character)
        }
        return text
    }

    public var description: String { "\(code) \(reason)" }
}

import VoiceCore

/// What one server accepts before it closes a connection (each with its own `CloseReason`).
public struct ServerLimits: Equatable, Sendable {
    /// Largest WebSocket message: a whole `WireFrame` (header and 1 MiB payload); bigger
    /// closes with 1009.
    public var frameBytesMax: Int
    /// Messages a connection may send in one second (a reconnect replays up to 50 chunks at once).
    public var messagesPerSecondMax: Int
    public var sessionsMax: Int
    /// A call is ended (as if the client said bye) after this long.
    public var sessionMicrosMax: Int64

    public init(
        frameBytesMax: Int = WireFrame.headerBytes + WireFrame.payloadBytesMax, messagesPerSecondMax: Int = 200,
        sessionsMax: Int = 2_000, sessionMicrosMax: Int64 = 3_600_000_000
    ) {
        self.frameBytesMax = frameBytesMax
        self.messagesPerSecondMax = messagesPerSecondMax
        self.sessionsMax = sessionsMax
        self.sessionMicrosMax = sessionMicrosMax
    }
}

import VoiceCore

/// One record of a session, as read back: its position, its time, and its bytes as appended.
public struct TraceRecord: Equatable, Sendable {
    /// Position in the session, from 0.
    public var index: Int64
    public var time: Instant
    public var bytes: [UInt8]

    public init(index: Int64, time: Instant, bytes: [UInt8]) {
        self.index = index
        self.time = time
        self.bytes = bytes
    }
}

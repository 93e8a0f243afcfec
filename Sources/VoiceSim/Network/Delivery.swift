import VoiceCore

/// What happens to one message sent on a `Link`.
public enum Delivery: Equatable, Sendable {
    /// The message arrives at this time.
    case deliverAt(Instant)
    /// The connection breaks before the message arrives (a partition or reset): the
    /// message is lost with the connection.
    case blocked
    /// Every retransmission was lost: the transport gives up and the connection fails,
    /// as TCP does; nothing sent after it on this connection arrives.
    case connectionFailed
}

import VoiceCore

/// What happens to one message sent on a `Link`.
public enum Delivery: Equatable, Sendable {
    /// The message arrives at this time.
    case deliverAt(Instant)
    /// The connection breaks before the message arrives (a partition or reset): the
    /// message is lost with the connection.
    case blocked
}

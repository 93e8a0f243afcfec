import VoiceCore

/// What the client's sockets and mic tell its runtime; the runtime decides on the session's
/// loop which of them are core inputs.
public enum ClientNote: Sendable {
    /// The mic captured chunk `index` (1-based); the runtime renders it.
    case micTick(UInt64)
    case opened(connectionID: UInt64)
    case closed(connectionID: UInt64, DisconnectReason)
    case received(connectionID: UInt64, ServerMessage)
    /// A piece of an answer's text (a text frame beside the protocol): for the turn table only.
    case caption(connectionID: UInt64, AnswerCaption)
}

import VoiceCore

/// What the server's sockets tell a session's runtime; it decides on the session's loop which
/// of them are core inputs (only the current connection speaks for the client).
public enum ServerNote: Sendable {
    /// A connection now speaks for this session (a new call, or a resume).
    case attached(LiveConnection)
    /// A connection closed or failed.
    case detached(connectionID: UInt64)
    /// A decoded message from a connection.
    case received(connectionID: UInt64, ClientMessage)
    /// The server is shutting down: end the loop and flush the trace.
    case shutdown
    /// A provider named what it served (marked in the trace, never a core input).
    case providerRequest(ProviderRequestID)
}

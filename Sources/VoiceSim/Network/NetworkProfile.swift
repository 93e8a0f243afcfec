/// The client↔server WebSocket: one `LinkProfile` per direction.
public struct NetworkProfile: Equatable, Sendable {
    /// Client → server (mic audio, interrupts).
    public var up: LinkProfile
    /// Server → client (TTS audio, transcripts, state).
    public var down: LinkProfile

    public init(up: LinkProfile = .broadband, down: LinkProfile = .broadband) {
        self.up = up
        self.down = down
    }
}

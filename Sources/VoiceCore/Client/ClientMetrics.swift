/// What the client measured; reports read it, actions never depend on it.
public struct ClientMetrics: Equatable, Sendable {
    /// Per answered turn: end of the user's speech (VAD) → first response audio played.
    public var voiceToVoiceMicros: [Int64] = []
    public var bargeIns: UInt32 = 0
    /// Connections lost after a session was established.
    public var disconnects: UInt32 = 0
    public var reconnectAttempts: UInt32 = 0
    public var resumes: UInt32 = 0
    /// Sessions the server no longer knew, so the call started over.
    public var sessionRestarts: UInt32 = 0
    public var chunksReplayed: UInt64 = 0
    public var playedMicros: Int64 = 0
    public var responsesPlayed: UInt32 = 0

    public init() {}
}

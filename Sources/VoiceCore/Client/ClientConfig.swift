/// Everything tunable about the browser side. Defaults follow the seed.
public struct ClientConfig: Equatable, Sendable {
    public var userID: String
    public var pipeline: Pipeline
    public var backoff: BackoffPolicy
    /// How long a connection attempt may take; cold starts must fit inside it.
    public var connectTimeoutMicros: Int64
    public var keepaliveIntervalMicros: Int64
    /// Nothing heard from the server for this long means the connection is dead.
    public var livenessTimeoutMicros: Int64
    /// Mic audio kept for replay after a reconnect (the seed's 5 s).
    public var replayBufferMicros: Int64
    /// A response with nothing playing for this long is no longer shown as speaking (the
    /// displayed state may say "speaking" over silence for at most this, under 1 s).
    public var playbackIdleMicros: Int64
    public var vad: VADConfig
    /// Bugs planted for mutation testing; never encoded, empty outside tests and `fuzz --planted`.
    package var plantedBugs = PlantedBugs()

    public init(userID: String = "user-1", pipeline: Pipeline = .v2, backoff: BackoffPolicy = BackoffPolicy(),
                connectTimeoutMicros: Int64 = 10_000_000, keepaliveIntervalMicros: Int64 = 2_000_000,
                livenessTimeoutMicros: Int64 = 6_000_000, replayBufferMicros: Int64 = 5_000_000,
                playbackIdleMicros: Int64 = 500_000, vad: VADConfig = VADConfig()) {
        self.userID = userID
        self.pipeline = pipeline
        self.backoff = backoff
        self.connectTimeoutMicros = connectTimeoutMicros
        self.keepaliveIntervalMicros = keepaliveIntervalMicros
        self.livenessTimeoutMicros = livenessTimeoutMicros
        self.replayBufferMicros = replayBufferMicros
        self.playbackIdleMicros = playbackIdleMicros
        self.vad = vad
    }

    /// Reports of what was heard kept for re-sending after a resume (see `ClientAgent.reports`).
    static let reportsKeptMax = 4

    var replayBufferChunks: Int { Int(max(1, replayBufferMicros / AudioFormat.micChunkMicros)) }
}

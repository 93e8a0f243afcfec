import VoiceCore

/// Everything `LiveServer` needs; the CLI fills it from `voicesim serve`'s flags.
public struct LiveServerOptions: Sendable {
    public var host: String
    /// 0 picks a free port (reported through `onRunning`).
    public var port: Int
    /// Clients must present it (`?token=` or `Authorization: Bearer`).
    public var token: String
    public var limits: ServerLimits
    /// The core's configuration for every session.
    public var serverConfig: ServerConfig
    /// Where sessions are recorded; nil records nothing.
    public var traces: TraceStore?
    /// The session manager's state; nil admits every call and keeps nothing.
    public var state: SessionStateStore?
    public var providers: any ProviderFactory
    /// Operator messages (one line each).
    public var log: @Sendable (String) -> Void
    /// Load tests: every session's inbox latencies.
    public var latencyProbe: LatencyProbe?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, token: String, limits: ServerLimits = ServerLimits(),
        serverConfig: ServerConfig = ServerConfig(), traces: TraceStore? = nil, state: SessionStateStore? = nil,
        providers: any ProviderFactory, log: @escaping @Sendable (String) -> Void = { _ in },
        latencyProbe: LatencyProbe? = nil
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.limits = limits
        self.serverConfig = serverConfig
        self.traces = traces
        self.state = state
        self.providers = providers
        self.log = log
        self.latencyProbe = latencyProbe
    }
}

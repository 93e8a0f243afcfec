import VoiceSim

/// What `FaultProxy` listens on, forwards to, and breaks.
public struct FaultProxyOptions: Sendable {
    public var listenHost: String
    /// 0 picks a free port.
    public var listenPort: Int
    public var upstreamHost: String
    public var upstreamPort: Int
    /// The scenario files' fault schedule. Used here: partition, connectionReset, stall,
    /// latencySpike, coldStart; the providers' faults and loss (TCP retransmits) do not apply.
    public var faults: FaultSchedule
    public var clock: FaultClock
    /// Every chunk of bytes is delayed by this, plus up to `jitterMicros` more (order is kept).
    public var baseLatencyMicros: Int64
    public var jitterMicros: Int64
    /// When set, replaces `baseLatencyMicros` and `jitterMicros` per direction: bytes towards
    /// the server take `up`'s base latency plus a draw of its jitter, bytes towards the client
    /// `down`'s, as the simulator's links do (their bandwidth and loss are not applied).
    public var network: NetworkProfile?
    /// Seeds the jitter: connection n (in accept order) draws the same delays in every run.
    public var seed: UInt64
    public var log: @Sendable (String) -> Void

    public init(
        listenHost: String = "127.0.0.1", listenPort: Int, upstreamHost: String = "127.0.0.1", upstreamPort: Int,
        faults: FaultSchedule, clock: FaultClock = .proxyStart, baseLatencyMicros: Int64 = 0, jitterMicros: Int64 = 0,
        seed: UInt64 = 1, network: NetworkProfile? = nil, log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.upstreamHost = upstreamHost
        self.upstreamPort = upstreamPort
        self.faults = faults
        self.clock = clock
        self.baseLatencyMicros = baseLatencyMicros
        self.jitterMicros = jitterMicros
        self.seed = seed
        self.network = network
        self.log = log
    }
}

extension FaultProxyOptions {
    /// One direction's fixed delay and its jitter, for connection `number`.
    func delay(upstream: Bool, connection number: UInt64) -> (baseMicros: Int64, jitter: ProxyJitter) {
        guard let network else {
            return (baseLatencyMicros,
                    ProxyJitter(seed: seed, connection: number, upstream: upstream, maxMicros: jitterMicros))
        }
        let link = upstream ? network.up : network.down
        return (link.baseLatencyMicros,
                ProxyJitter(seed: seed, connection: number, upstream: upstream, jitter: link.jitter))
    }
}

import VoiceCore

/// How one direction of the client↔server WebSocket behaves when nothing is broken.
///
/// The connection is TCP: a lost segment is retransmitted, so loss shows up as extra
/// delay (`retransmitMicros`, doubling per retry), never as a missing message. Faults
/// that change the link over time (stalls, spikes, partitions) live in `FaultSchedule`.
public struct LinkProfile: Equatable, Sendable {
    /// Fixed one-way propagation and processing delay.
    public var baseLatencyMicros: Int64
    /// Random delay added to each message.
    public var jitter: Jitter
    /// Serialisation rate; 0 means unlimited.
    public var bandwidthBytesPerSecond: Int64
    /// Chance that a message needs a retransmission.
    public var loss: Ratio
    /// Delay of the first retransmission (TCP's minimum RTO is 200 ms); doubles per retry.
    public var retransmitMicros: Int64

    public init(
        baseLatencyMicros: Int64 = 30_000,
        jitter: Jitter = .uniform(maxMicros: 10_000),
        bandwidthBytesPerSecond: Int64 = 0,
        loss: Ratio = .zero,
        retransmitMicros: Int64 = 200_000
    ) {
        precondition(baseLatencyMicros >= 0, "baseLatencyMicros \(baseLatencyMicros) < 0")
        precondition(bandwidthBytesPerSecond >= 0, "bandwidthBytesPerSecond \(bandwidthBytesPerSecond) < 0")
        precondition(retransmitMicros >= 0, "retransmitMicros \(retransmitMicros) < 0")
        self.baseLatencyMicros = baseLatencyMicros
        self.jitter = jitter
        self.bandwidthBytesPerSecond = bandwidthBytesPerSecond
        self.loss = loss
        self.retransmitMicros = retransmitMicros
    }
}

extension LinkProfile {
    /// A good broadband connection to a nearby edge: 30 ms ± 10 ms, no loss.
    public static let broadband = LinkProfile()
    /// A perfect link: no delay at all (unit tests).
    public static let ideal = LinkProfile(baseLatencyMicros: 0, jitter: .none)
    /// A phone on a mobile network: 60 ms, long-tailed jitter, 1% loss, 2 Mbit/s.
    public static let mobile = LinkProfile(
        baseLatencyMicros: 60_000,
        jitter: .longTail(meanMicros: 15_000, tailRatio: .ppm(20_000), tailMaxMicros: 400_000),
        bandwidthBytesPerSecond: 250_000,
        loss: .ppm(10_000)
    )
}

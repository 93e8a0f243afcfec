import VoiceCore

/// One direction of the simulated client↔server WebSocket (TCP).
///
/// A value type with its own PRNG stream, so the two directions and every run with the
/// same seed draw the same delays. Guarantees, like TCP:
/// - in order: a message is never delivered before one sent earlier on the same link
///   (a late message holds back the ones behind it: head-of-line blocking);
/// - no silent loss: a lost segment is retransmitted after `retransmitMicros`, doubling
///   per retry; after `retransmitCountMax` retries the connection is considered dead;
/// - bandwidth: bytes are serialised one message after another.
///
/// Not modelled: congestion windows and per-segment splitting; a message is one unit.
public struct Link: Sendable {
    public let profile: LinkProfile
    var prng: PRNG
    /// When the sender's wire is free again (bandwidth serialisation).
    var wireFreeMicros: Int64
    /// Delivery time of the last message delivered: later messages never overtake it.
    var lastDeliveryMicros: Int64
    /// Counters for reports.
    public private(set) var statistics: Statistics

    public init(profile: LinkProfile, prng: PRNG) {
        self.profile = profile
        self.prng = prng
        wireFreeMicros = 0
        lastDeliveryMicros = 0
        statistics = Statistics()
    }
}

extension Link {
    /// Retries before TCP gives up and the connection is considered broken.
    public static let retransmitCountMax = 6

    /// What the link has done so far.
    public struct Statistics: Equatable, Sendable {
        public var messagesSent: UInt64 = 0
        public var bytesSent: UInt64 = 0
        public var messagesBlocked: UInt64 = 0
        public var retransmissions: UInt64 = 0
        public var messagesStalled: UInt64 = 0
    }

    /// Decides when a message of `bytes` bytes sent at `sentAt` arrives.
    ///
    /// Returns `.blocked` when a partition is active at `sentAt`, when the connection
    /// breaks (partition start or reset) before the message would arrive, or when every
    /// retransmission is lost: the message dies with the connection, and the caller
    /// closes it.
    ///
    /// - Precondition: `bytes >= 0`.
    /// - Complexity: O(`faults.count`).
    public mutating func deliveryTime(sentAt: Instant, bytes: Int, faults: FaultSchedule) -> Delivery {
        precondition(bytes >= 0, "Link.deliveryTime(bytes: \(bytes))")
        statistics.messagesSent += 1
        statistics.bytesSent += UInt64(bytes)
        if faults.isPartitioned(at: sentAt) {
            statistics.messagesBlocked += 1
            return .blocked
        }
        var departMicros = sentAt.micros
        if profile.bandwidthBytesPerSecond > 0 {
            let startMicros = max(sentAt.micros, wireFreeMicros)
            // Saturating: a profile built in code is not bound by the scenario files' domains,
            // and a delivery time past the end of time must not trap.
            let transmitMicros =
                Int64(bytes).multipliedSaturating(by: 1_000_000)
                .addingSaturating(profile.bandwidthBytesPerSecond - 1) / profile.bandwidthBytesPerSecond
            wireFreeMicros = startMicros.addingSaturating(transmitMicros)
            departMicros = wireFreeMicros
        }
        var arriveMicros =
            departMicros.addingSaturating(profile.baseLatencyMicros)
            .addingSaturating(profile.jitter.sample(using: &prng))
            .addingSaturating(faults.extraLatencyMicros(at: sentAt))
        guard let retransmitDelay = retransmissionDelayMicros(faultLoss: faults.lossRatio(at: sentAt)) else {
            statistics.messagesBlocked += 1
            return .connectionFailed
        }
        arriveMicros = arriveMicros.addingSaturating(retransmitDelay)
        arriveMicros = max(arriveMicros, lastDeliveryMicros)
        if let stallEnd = faults.stallEnd(at: Instant(micros: arriveMicros)) {
            statistics.messagesStalled += 1
            arriveMicros = stallEnd.micros
        }
        let arrival = Instant(micros: arriveMicros)
        if faults.breaksConnection(from: sentAt, to: arrival) {
            // Head-of-line: a later message cannot overtake this one, so it is lost with the connection too.
            lastDeliveryMicros = arriveMicros
            statistics.messagesBlocked += 1
            return .blocked
        }
        lastDeliveryMicros = arriveMicros
        return .deliverAt(arrival)
    }

    /// A uniform draw in `0...maxMicros` from the link's own stream (reordering hold-backs).
    mutating func holdBackMicros(upTo maxMicros: Int64) -> Int64 { prng.inRange(0, max(0, maxMicros)) }

    /// Total retransmission delay, or nil when every retry is lost.
    private mutating func retransmissionDelayMicros(faultLoss: Ratio) -> Int64? {
        if profile.loss == .zero && faultLoss == .zero { return 0 }
        var delayMicros: Int64 = 0
        for attempt in 0...Link.retransmitCountMax {
            let lost = prng.chance(profile.loss) || prng.chance(faultLoss)
            if !lost { return delayMicros }
            if attempt == Link.retransmitCountMax { return nil }
            statistics.retransmissions += 1
            delayMicros = delayMicros.addingSaturating(profile.retransmitMicros.multipliedSaturating(by: 1 << Int64(attempt)))
        }
        return nil
    }
}

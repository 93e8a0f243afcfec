/// Exponential backoff with full jitter: attempt n waits a uniform time in
/// `0...min(cap, base · factorⁿ⁻¹)`.
///
/// Full jitter (rather than equal or no jitter) spreads a fleet of clients that
/// lost the same server, so they do not reconnect in lockstep.
public struct BackoffPolicy: Equatable, Sendable {
    public var baseMicros: Int64
    public var factor: Int64
    public var capMicros: Int64
    /// Reconnect attempts before the client gives up and shows "failed".
    public var attemptsMax: Int

    public init(baseMicros: Int64 = 250_000, factor: Int64 = 2, capMicros: Int64 = 8_000_000, attemptsMax: Int = 10) {
        precondition(baseMicros > 0 && factor >= 1 && capMicros >= baseMicros && attemptsMax >= 1,
                     "invalid backoff policy")
        self.baseMicros = baseMicros
        self.factor = factor
        self.capMicros = capMicros
        self.attemptsMax = attemptsMax
    }
}

extension BackoffPolicy {
    /// The ceiling for attempt `attempt` (1-based), before jitter.
    package func ceilingMicros(attempt: Int) -> Int64 {
        precondition(attempt >= 1, "attempt \(attempt)")
        var ceiling = baseMicros
        for _ in 1..<attempt {
            let (next, overflow) = ceiling.multipliedReportingOverflow(by: factor)
            if overflow || next >= capMicros { return capMicros }
            ceiling = next
        }
        return min(ceiling, capMicros)
    }

    /// The jittered delay before attempt `attempt` (1-based).
    package func delayMicros(attempt: Int, random: inout PRNG) -> Int64 {
        random.inRange(0, ceilingMicros(attempt: attempt))
    }
}

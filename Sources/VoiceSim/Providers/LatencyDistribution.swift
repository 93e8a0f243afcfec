import VoiceCore

/// A provider delay: a mean, a bounded uniform spread around it, and an optional tail.
///
/// Integer-only, so the same PRNG state always gives the same delay. Without a tail the
/// delay stays in `mean ± jitter`; with `tailRatio` > 0, that share of draws adds up to
/// `tailMaxMicros` more (slow requests).
public struct LatencyDistribution: Equatable, Sendable {
    public var meanMicros: Int64
    /// Half-width of the uniform spread around the mean.
    public var jitterMicros: Int64
    public var tailRatio: Ratio
    /// Largest extra delay of a tail draw.
    public var tailMaxMicros: Int64

    public init(meanMicros: Int64, jitterMicros: Int64 = 0, tailRatio: Ratio = .zero, tailMaxMicros: Int64 = 0) {
        precondition(meanMicros >= 0, "meanMicros \(meanMicros) < 0")
        precondition(jitterMicros >= 0 && jitterMicros <= meanMicros, "jitterMicros \(jitterMicros) outside 0…mean")
        precondition(tailMaxMicros >= 0, "tailMaxMicros \(tailMaxMicros) < 0")
        self.meanMicros = meanMicros
        self.jitterMicros = jitterMicros
        self.tailRatio = tailRatio
        self.tailMaxMicros = tailMaxMicros
    }
}

extension LatencyDistribution {
    /// `meanMicros` ± `percent`% (the seed's figures with a small bounded spread).
    public static func around(_ meanMicros: Int64, percent: Int64 = 10) -> LatencyDistribution {
        LatencyDistribution(meanMicros: meanMicros, jitterMicros: meanMicros * percent / 100)
    }

    /// Always exactly `micros`.
    public static func fixed(_ micros: Int64) -> LatencyDistribution { LatencyDistribution(meanMicros: micros) }

    /// Draws one delay (never negative).
    public func sample(using prng: inout PRNG) -> Int64 {
        var micros = meanMicros
        if jitterMicros > 0 { micros += prng.inRange(-jitterMicros, jitterMicros) }
        if tailRatio != .zero, prng.chance(tailRatio) { micros += prng.inRange(0, tailMaxMicros) }
        return max(0, micros)
    }

    /// The largest delay a draw can give.
    public var maxMicros: Int64 { meanMicros + jitterMicros + (tailRatio == .zero ? 0 : tailMaxMicros) }
}

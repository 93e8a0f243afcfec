import VoiceCore

/// Extra one-way delay added to each message on a link, in whole microseconds.
///
/// Integer-only so a draw is the same on every platform. `longTail` models the usual
/// shape of Internet delay: most messages near the mean, a few much later.
public enum Jitter: Equatable, Sendable {
    /// No jitter: every message takes exactly the base latency.
    case none
    /// Uniform in `0...maxMicros`.
    case uniform(maxMicros: Int64)
    /// Uniform in `0...2·meanMicros`, except that a `tailRatio` share of messages is
    /// uniform in `2·meanMicros...tailMaxMicros`.
    case longTail(meanMicros: Int64, tailRatio: Ratio, tailMaxMicros: Int64)
}

extension Jitter {
    /// Draws one delay.
    public func sample(using prng: inout PRNG) -> Int64 {
        switch self {
        case .none:
            return 0
        case .uniform(let maxMicros):
            return prng.inRange(0, max(0, maxMicros))
        case .longTail(let meanMicros, let tailRatio, let tailMaxMicros):
            let bodyMax = max(0, meanMicros * 2)
            if prng.chance(tailRatio) {
                return prng.inRange(bodyMax, max(bodyMax, tailMaxMicros))
            }
            return prng.inRange(0, bodyMax)
        }
    }

    /// The largest delay this distribution can draw.
    public var maxMicros: Int64 {
        switch self {
        case .none: 0
        case .uniform(let maxMicros): max(0, maxMicros)
        case .longTail(let meanMicros, _, let tailMaxMicros): max(0, meanMicros * 2, tailMaxMicros)
        }
    }
}

extension Jitter: CustomStringConvertible {
    public var description: String {
        switch self {
        case .none: "none"
        case .uniform(let maxMicros): "uniform(0…\(maxMicros)µs)"
        case .longTail(let meanMicros, let tailRatio, let tailMaxMicros):
            "longTail(mean \(meanMicros)µs, tail \(tailRatio) up to \(tailMaxMicros)µs)"
        }
    }
}

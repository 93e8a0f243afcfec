import VoiceCore

/// A whole-number distribution in a population spec: a fixed value, a uniform range, or a
/// weighted mix of those (a heavy tail is a mix with a small weight on large values).
///
/// Integer-only, like every draw in the simulator, so a spec and a seed give the same draws on
/// every machine and build.
public indirect enum IntDistribution: Equatable, Sendable {
    case fixed(Int64)
    /// Every value in `min...max` equally likely.
    case uniform(min: Int64, max: Int64)
    /// One part chosen with probability `weight / Σ weights`, then drawn from.
    case mix([WeightedPart])

    /// One part of a `mix`.
    public struct WeightedPart: Equatable, Sendable {
        public var weight: Int64
        public var distribution: IntDistribution

        public init(weight: Int64, distribution: IntDistribution) {
            precondition(weight > 0, "mix weight \(weight) <= 0")
            self.weight = weight
            self.distribution = distribution
        }
    }
}

extension IntDistribution {
    /// Draws one value.
    public func sample(using random: inout PRNG) -> Int64 {
        switch self {
        case .fixed(let value):
            return value
        case .uniform(let min, let max):
            return random.inRange(min, max)
        case .mix(let parts):
            let total = parts.reduce(0) { $0 + $1.weight }
            var pick = Int64(random.below(UInt64(total)))
            for part in parts {
                if pick < part.weight { return part.distribution.sample(using: &random) }
                pick -= part.weight
            }
            preconditionFailure("mix pick \(pick) past the total weight \(total)")
        }
    }

    /// The smallest and the largest value a draw can give.
    public var bounds: (min: Int64, max: Int64) {
        switch self {
        case .fixed(let value): return (value, value)
        case .uniform(let min, let max): return (min, max)
        case .mix(let parts):
            let all = parts.map(\.distribution.bounds)
            return (all.map(\.min).min() ?? 0, all.map(\.max).max() ?? 0)
        }
    }

    /// Every value multiplied by `factor` (milliseconds in a file, microseconds in the simulator).
    public func scaled(by factor: Int64) -> IntDistribution {
        switch self {
        case .fixed(let value): .fixed(value * factor)
        case .uniform(let min, let max): .uniform(min: min * factor, max: max * factor)
        case .mix(let parts):
            .mix(parts.map { WeightedPart(weight: $0.weight, distribution: $0.distribution.scaled(by: factor)) })
        }
    }
}

extension IntDistribution: CustomStringConvertible {
    /// `7`, `2…9`, `mix(90: 1…5, 10: 500)`.
    public var description: String {
        switch self {
        case .fixed(let value): String(value)
        case .uniform(let min, let max): "\(min)…\(max)"
        case .mix(let parts): "mix(" + parts.map { "\($0.weight): \($0.distribution)" }.joined(separator: ", ") + ")"
        }
    }
}

/// A point estimate with a 95 % confidence interval, for reports only (floating point never
/// feeds a simulation decision). Every interval here is a closed-form function of the
/// samples (normal approximation, order statistics, Wilson score), so it is deterministic.
public struct Estimate: Equatable, Sendable {
    public var value: Double
    public var low: Double
    public var high: Double

    public init(value: Double, low: Double, high: Double) {
        self.value = value
        self.low = low
        self.high = high
    }
}

extension Estimate {
    static let z95 = 1.959_963_985

    /// The mean, ± 1.96 standard errors.
    static func mean(_ samples: [Int64]) -> Estimate {
        guard !samples.isEmpty else { return Estimate(value: 0, low: 0, high: 0) }
        let count = Double(samples.count)
        let mean = samples.reduce(0.0) { $0 + Double($1) } / count
        let variance = samples.count < 2 ? 0
            : samples.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / (count - 1)
        let half = z95 * (variance / count).squareRoot()
        return Estimate(value: mean, low: mean - half, high: mean + half)
    }

    /// The `percent` quantile of `sorted` by nearest rank, with the distribution-free
    /// interval of the order statistics whose ranks are n·p ± 1.96·√(n·p·(1 − p)).
    static func quantile(_ sorted: [Int64], percent: Int) -> Estimate {
        guard !sorted.isEmpty else { return Estimate(value: 0, low: 0, high: 0) }
        let count = sorted.count
        let rank = (percent * count + 99) / 100
        let value = sorted[max(0, min(count - 1, rank - 1))]
        let p = Double(percent) / 100
        let half = z95 * (Double(count) * p * (1 - p)).squareRoot()
        let lowRank = Int((Double(count) * p - half).rounded(.down))
        let highRank = Int((Double(count) * p + half).rounded(.up))
        return Estimate(value: Double(value), low: Double(sorted[max(0, min(count - 1, lowRank - 1))]),
                        high: Double(sorted[max(0, min(count - 1, highRank - 1))]))
    }

    /// `part / whole` with its Wilson score interval.
    static func proportion(_ part: Int, of whole: Int) -> Estimate {
        guard whole > 0 else { return Estimate(value: 0, low: 0, high: 0) }
        let n = Double(whole)
        let p = Double(part) / n
        let z2 = z95 * z95
        let center = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z95 * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
        return Estimate(value: p, low: max(0, center - half), high: min(1, center + half))
    }
}

/// Summary of a latency sample, in microseconds; percentiles by nearest rank.
public struct LatencyStats: Equatable, Sendable {
    public let count: Int
    public let meanMicros: Int64
    public let p50Micros: Int64
    public let p95Micros: Int64
    public let maxMicros: Int64

    public init(_ samples: [Int64]) {
        count = samples.count
        guard !samples.isEmpty else {
            meanMicros = 0
            p50Micros = 0
            p95Micros = 0
            maxMicros = 0
            return
        }
        let sorted = samples.sorted()
        meanMicros = sorted.reduce(0, +) / Int64(sorted.count)
        p50Micros = LatencyStats.nearestRank(sorted, percent: 50)
        p95Micros = LatencyStats.nearestRank(sorted, percent: 95)
        maxMicros = sorted[sorted.count - 1]
    }

    static func nearestRank(_ sorted: [Int64], percent: Int) -> Int64 {
        let rank = (percent * sorted.count + 99) / 100
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    /// `{mean, p50, p95, max}` in milliseconds.
    public var json: JSONValue {
        .object([
            ("mean", millis(meanMicros)), ("p50", millis(p50Micros)), ("p95", millis(p95Micros)), ("max", millis(maxMicros)),
        ])
    }

    private func millis(_ micros: Int64) -> JSONValue { .number(Double(micros) / 1_000, decimals: 1) }
}

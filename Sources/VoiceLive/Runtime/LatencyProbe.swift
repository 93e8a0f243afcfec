/// Collects durations (microseconds) from many sessions for a load test's percentiles.
public final class LatencyProbe: Sendable {
    private let samples = Locked<[Int64]>([])

    public init() {}

    /// Adds the time from `start` until now.
    func record(since start: ContinuousClock.Instant) {
        let micros = SessionClock.micros(start.duration(to: .now))
        samples.withLock { $0.append(micros) }
    }

    /// The `percent`-th percentile (nearest rank), or nil with no samples.
    public func percentile(_ percent: Int) -> Int64? {
        let sorted = samples.withLock { $0 }.sorted()
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, (sorted.count * percent + 99) / 100)
        return sorted[rank - 1]
    }

    public var count: Int { samples.withLock { $0.count } }
}

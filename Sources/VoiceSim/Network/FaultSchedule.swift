import VoiceCore

/// Every fault injected into one run, with the queries the simulated network, server
/// and providers ask of them.
///
/// Windows are half-open, `[start, end)`. Queries scan the list: a schedule holds a
/// handful of faults, so O(`faults.count`) per query is cheaper than any index.
/// Overlapping faults combine: latencies add, stalls and partitions chain, the largest
/// loss or cold start wins.
public struct FaultSchedule: Equatable, Sendable {
    /// The faults, in the order they were listed (not necessarily by time).
    public var faults: [Fault]

    public init(_ faults: [Fault] = []) {
        self.faults = faults
    }
}

extension FaultSchedule {
    public static let none = FaultSchedule()

    public var isEmpty: Bool { faults.isEmpty }
    public var count: Int { faults.count }

    /// The faults ordered by start time (ties keep list order).
    public var sortedByStart: [Fault] {
        faults.enumerated().sorted {
            $0.element.startMicros == $1.element.startMicros
                ? $0.offset < $1.offset : $0.element.startMicros < $1.element.startMicros
        }.map(\.element)
    }

    /// The time after which no fault is active (`Instant.zero` when there are none):
    /// liveness checks start here.
    public var healedAt: Instant {
        Instant(micros: faults.reduce(0) { max($0, $1.endMicros) })
    }

    /// The schedule without the fault at `index` (for shrinking).
    public func removing(at index: Int) -> FaultSchedule {
        var copy = self
        copy.faults.remove(at: index)
        return copy
    }

    // MARK: client↔server connection

    /// Times at which the client↔server connection breaks (partition starts and
    /// resets), sorted and without duplicates. The world schedules a disconnect at each.
    public var connectionBreaks: [Instant] {
        var times: [Int64] = []
        for fault in faults where fault.breaksConnection { times.append(fault.startMicros) }
        times.sort()
        var unique: [Instant] = []
        for time in times where unique.last?.micros != time { unique.append(Instant(micros: time)) }
        return unique
    }

    /// True when a partition is active at `time`: connection attempts fail.
    public func isPartitioned(at time: Instant) -> Bool {
        for fault in faults where fault.kind == .partition && fault.isActive(at: time) { return true }
        return false
    }

    /// When the partition active at `time` ends (following overlapping partitions), or
    /// nil when none is active.
    public func partitionEnd(at time: Instant) -> Instant? {
        chainedEnd(at: time) { $0 == .partition }
    }

    /// True when the connection breaks at some time in `[from, to)` (a message sent at
    /// `from` and due at `to` dies with the connection).
    public func breaksConnection(from: Instant, to: Instant) -> Bool {
        for fault in faults where fault.breaksConnection {
            if fault.startMicros >= from.micros && fault.startMicros < to.micros { return true }
        }
        return false
    }

    /// Extra one-way latency for a message sent at `time` (latency spikes add up).
    public func extraLatencyMicros(at time: Instant) -> Int64 {
        var total: Int64 = 0
        for fault in faults where fault.isActive(at: time) {
            if case .latencySpike(let extraMicros) = fault.kind { total += extraMicros }
        }
        return total
    }

    /// When the stall active at `time` ends (following overlapping stalls), or nil when
    /// the link is not stalled: a message due at `time` arrives then instead.
    public func stallEnd(at time: Instant) -> Instant? {
        chainedEnd(at: time) { $0 == .stall }
    }

    /// The largest extra loss active at `time` (`Ratio.zero` when none).
    public func lossRatio(at time: Instant) -> Ratio {
        var largest = Ratio.zero
        for fault in faults where fault.isActive(at: time) {
            if case .loss(let ratio) = fault.kind, ratio.isGreater(than: largest) { largest = ratio }
        }
        return largest
    }

    /// Cold-start delay for a connection opened at `time` (the largest active one; 0
    /// when none). The server profile's first-connection cold start is separate.
    public func coldStartDelayMicros(at time: Instant) -> Int64 {
        var largest: Int64 = 0
        for fault in faults where fault.isActive(at: time) {
            if case .coldStart(let delayMicros) = fault.kind { largest = max(largest, delayMicros) }
        }
        return largest
    }

    /// True when messages going `direction` sent at `time` are delivered twice.
    public func duplicates(_ direction: Fault.Direction, at time: Instant) -> Bool {
        let kind: Fault.Kind = direction == .up ? .duplicate : .duplicateDown
        for fault in faults where fault.kind == kind && fault.isActive(at: time) { return true }
        return false
    }

    /// The largest hold-back for a message going `direction` sent at `time` (0: in order).
    public func reorderMaxMicros(_ direction: Fault.Direction, at time: Instant) -> Int64 {
        var largest: Int64 = 0
        for fault in faults where fault.isActive(at: time) {
            switch (direction, fault.kind) {
            case (.up, .reorder(let maxDelayMicros)), (.down, .reorderDown(let maxDelayMicros)):
                largest = max(largest, maxDelayMicros)
            case (.up, _), (.down, _):
                continue
            }
        }
        return largest
    }

    /// How much later a message going `direction` sent at `time` on a connection that then
    /// breaks arrives anyway; nil when it is lost with the connection.
    public func lateDeliveryMicros(_ direction: Fault.Direction, at time: Instant) -> Int64? {
        for fault in faults where fault.isActive(at: time) {
            switch (direction, fault.kind) {
            case (.up, .lateDelivery(let extraMicros)), (.down, .lateDeliveryDown(let extraMicros)):
                return extraMicros
            case (.up, _), (.down, _):
                continue
            }
        }
        return nil
    }

    // MARK: providers

    /// True when `provider` is in an outage at `time`.
    public func isDown(_ provider: Fault.Provider, at time: Instant) -> Bool {
        for fault in faults where fault.kind == .providerOutage(provider: provider) && fault.isActive(at: time) {
            return true
        }
        return false
    }

    /// The first time in `[from, to)` at which an outage of `provider` starts, if any:
    /// a stream running over that interval fails then.
    public func outageStart(_ provider: Fault.Provider, from: Instant, to: Instant) -> Instant? {
        var first: Int64?
        for fault in faults where fault.kind == .providerOutage(provider: provider) {
            if fault.startMicros >= from.micros && fault.startMicros < to.micros && fault.endMicros > fault.startMicros
            {
                first = min(first ?? fault.startMicros, fault.startMicros)
            }
        }
        return first.map { Instant(micros: $0) }
    }

    /// Extra latency `provider` adds to work started at `time` (slow windows add up).
    public func providerExtraMicros(_ provider: Fault.Provider, at time: Instant) -> Int64 {
        var total: Int64 = 0
        for fault in faults where fault.isActive(at: time) {
            if case .providerSlow(provider, let extraMicros) = fault.kind { total += extraMicros }
        }
        return total
    }

    /// Follows windows of the kinds `matches` accepts from `time` to the first instant
    /// none of them covers; nil when none covers `time`.
    private func chainedEnd(at time: Instant, matches: (Fault.Kind) -> Bool) -> Instant? {
        var end = time.micros
        var covered = false
        var moved = true
        while moved {
            moved = false
            for fault in faults where matches(fault.kind) && fault.startMicros <= end && fault.endMicros > end {
                end = fault.endMicros
                covered = true
                moved = true
            }
        }
        return covered ? Instant(micros: end) : nil
    }
}

extension Ratio {
    /// Exact comparison by cross-multiplication (full width, no overflow).
    func isGreater(than other: Ratio) -> Bool {
        let lhs = numerator.multipliedFullWidth(by: other.denominator)
        let rhs = other.numerator.multipliedFullWidth(by: denominator)
        return lhs.high == rhs.high ? lhs.low > rhs.low : lhs.high > rhs.high
    }
}

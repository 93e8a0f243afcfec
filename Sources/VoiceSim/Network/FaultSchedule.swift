import VoiceCore

/// Every fault injected into one run, with the queries the simulated network, server
/// and providers ask of them.
///
/// Windows are half-open, `[start, end)`. A schedule holds a handful of faults, so queries
/// scan rather than search; but the network asks several of them per message, so each scans
/// only the faults of its own kind, from `index` (the faults without their names: plain
/// values, no reference counting per fault scanned).
/// Overlapping faults combine: latencies add, stalls and partitions chain, the largest
/// loss or cold start wins.
public struct FaultSchedule: Equatable, Sendable {
    /// The faults, in the order they were listed (not necessarily by time).
    public var faults: [Fault] {
        didSet { index = Index(faults) }
    }
    /// `faults` without their names, grouped by kind.
    private var index: Index

    public init(_ faults: [Fault] = []) {
        self.faults = faults
        index = Index(faults)
    }

    /// Equal when the faults are; the rest is derived from them.
    public static func == (lhs: FaultSchedule, rhs: FaultSchedule) -> Bool { lhs.faults == rhs.faults }
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
        for window in index[.partition] where window.isActive(at: time) { return true }
        return false
    }

    /// When the partition active at `time` ends (following overlapping partitions), or
    /// nil when none is active.
    public func partitionEnd(at time: Instant) -> Instant? {
        chainedEnd(at: time, index[.partition])
    }

    /// True when the connection breaks at some time in `[from, to)` (a message sent at
    /// `from` and due at `to` dies with the connection).
    public func breaksConnection(from: Instant, to: Instant) -> Bool {
        let breaksIn = { (window: Window) in window.startMicros >= from.micros && window.startMicros < to.micros }
        return index[.partition].contains(where: breaksIn) || index[.connectionReset].contains(where: breaksIn)
    }

    /// Extra one-way latency for a message sent at `time` (latency spikes add up).
    public func extraLatencyMicros(at time: Instant) -> Int64 {
        var total: Int64 = 0
        for window in index[.latencySpike] where window.isActive(at: time) {
            if case .latencySpike(let extraMicros) = window.kind { total += extraMicros }
        }
        return total
    }

    /// When the stall active at `time` ends (following overlapping stalls), or nil when
    /// the link is not stalled: a message due at `time` arrives then instead.
    public func stallEnd(at time: Instant) -> Instant? {
        chainedEnd(at: time, index[.stall])
    }

    /// The largest extra loss active at `time` (`Ratio.zero` when none).
    public func lossRatio(at time: Instant) -> Ratio {
        var largest = Ratio.zero
        for window in index[.loss] where window.isActive(at: time) {
            if case .loss(let ratio) = window.kind, ratio.isGreater(than: largest) { largest = ratio }
        }
        return largest
    }

    /// Cold-start delay for a connection opened at `time` (the largest active one; 0
    /// when none). The server profile's first-connection cold start is separate.
    public func coldStartDelayMicros(at time: Instant) -> Int64 {
        var largest: Int64 = 0
        for window in index[.coldStart] where window.isActive(at: time) {
            if case .coldStart(let delayMicros) = window.kind { largest = max(largest, delayMicros) }
        }
        return largest
    }

    /// True when messages going `direction` sent at `time` are delivered twice.
    public func duplicates(_ direction: Fault.Direction, at time: Instant) -> Bool {
        for window in index[direction == .up ? .duplicate : .duplicateDown] where window.isActive(at: time) {
            return true
        }
        return false
    }

    /// The largest hold-back for a message going `direction` sent at `time` (0: in order).
    public func reorderMaxMicros(_ direction: Fault.Direction, at time: Instant) -> Int64 {
        var largest: Int64 = 0
        for window in index[direction == .up ? .reorder : .reorderDown] where window.isActive(at: time) {
            switch (direction, window.kind) {
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
        for window in index[direction == .up ? .lateDelivery : .lateDeliveryDown] where window.isActive(at: time) {
            switch (direction, window.kind) {
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
        for window in index[.providerOutage] where window.isActive(at: time) {
            if case .providerOutage(provider) = window.kind { return true }
        }
        return false
    }

    /// The first time in `[from, to)` at which an outage of `provider` starts, if any:
    /// a stream running over that interval fails then.
    public func outageStart(_ provider: Fault.Provider, from: Instant, to: Instant) -> Instant? {
        var first: Int64?
        for window in index[.providerOutage] where window.startMicros >= from.micros && window.startMicros < to.micros {
            if case .providerOutage(provider) = window.kind, window.endMicros > window.startMicros {
                first = min(first ?? window.startMicros, window.startMicros)
            }
        }
        return first.map { Instant(micros: $0) }
    }

    /// Extra latency `provider` adds to work started at `time` (slow windows add up).
    public func providerExtraMicros(_ provider: Fault.Provider, at time: Instant) -> Int64 {
        var total: Int64 = 0
        for window in index[.providerSlow] where window.isActive(at: time) {
            if case .providerSlow(provider, let extraMicros) = window.kind { total += extraMicros }
        }
        return total
    }

    /// Follows `windows` from `time` to the first instant none of them covers; nil when none
    /// covers `time`.
    private func chainedEnd(at time: Instant, _ windows: ArraySlice<Window>) -> Instant? {
        var end = time.micros
        var covered = false
        var moved = true
        while moved {
            moved = false
            for window in windows where window.startMicros <= end && window.endMicros > end {
                end = window.endMicros
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

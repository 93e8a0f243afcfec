import VoiceCore

extension FaultSchedule {
    /// A fault without its name: what the queries read, a plain value with no reference to
    /// count while a query scans it.
    struct Window {
        var startMicros: Int64
        var endMicros: Int64
        var kind: Fault.Kind

        /// True when `time` lies in `[startMicros, endMicros)`.
        @inline(__always)
        func isActive(at time: Instant) -> Bool { time.micros >= startMicros && time.micros < endMicros }
    }

    /// A set of fault kinds, one bit each.
    struct KindSet: OptionSet {
        let rawValue: UInt16

        static let partition = KindSet(rawValue: 1 << 0)
        static let connectionReset = KindSet(rawValue: 1 << 1)
        static let stall = KindSet(rawValue: 1 << 2)
        static let latencySpike = KindSet(rawValue: 1 << 3)
        static let loss = KindSet(rawValue: 1 << 4)
        static let coldStart = KindSet(rawValue: 1 << 5)
        static let providerOutage = KindSet(rawValue: 1 << 6)
        static let providerSlow = KindSet(rawValue: 1 << 7)
        static let duplicate = KindSet(rawValue: 1 << 8)
        static let reorder = KindSet(rawValue: 1 << 9)
        static let lateDelivery = KindSet(rawValue: 1 << 10)
        static let duplicateDown = KindSet(rawValue: 1 << 11)
        static let reorderDown = KindSet(rawValue: 1 << 12)
        static let lateDeliveryDown = KindSet(rawValue: 1 << 13)

        init(rawValue: UInt16) { self.rawValue = rawValue }

        /// The set holding `kind` alone.
        init(_ kind: Fault.Kind) {
            switch kind {
            case .partition: self = .partition
            case .connectionReset: self = .connectionReset
            case .stall: self = .stall
            case .latencySpike: self = .latencySpike
            case .loss: self = .loss
            case .coldStart: self = .coldStart
            case .providerOutage: self = .providerOutage
            case .providerSlow: self = .providerSlow
            case .duplicate: self = .duplicate
            case .reorder: self = .reorder
            case .lateDelivery: self = .lateDelivery
            case .duplicateDown: self = .duplicateDown
            case .reorderDown: self = .reorderDown
            case .lateDeliveryDown: self = .lateDeliveryDown
            }
        }
    }

    /// The windows of `faults`, in order, and the kinds among them.
    /// - Complexity: O(`faults.count`), once per change of the schedule.
    static func index(_ faults: [Fault]) -> ([Window], KindSet) {
        var kinds: KindSet = []
        let windows = faults.map { fault in
            kinds.insert(KindSet(fault.kind))
            return Window(startMicros: fault.startMicros, endMicros: fault.endMicros, kind: fault.kind)
        }
        return (windows, kinds)
    }
}

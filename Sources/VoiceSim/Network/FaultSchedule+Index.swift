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

    /// The fault kinds by position in `FaultSchedule.Index`.
    enum KindSlot: Int, CaseIterable {
        case partition, connectionReset, stall, latencySpike, loss, coldStart, providerOutage, providerSlow
        case duplicate, reorder, lateDelivery, duplicateDown, reorderDown, lateDeliveryDown

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

    /// The faults without their names, grouped by kind (list order kept within a kind), so a
    /// query scans only the kind it asks about and answers at once when the schedule has none.
    struct Index {
        private var windows: [Window] = []
        /// Windows of kind slot `k` are `windows[starts[k] ..< starts[k + 1]]`.
        private var starts: [Int] = Array(repeating: 0, count: KindSlot.allCases.count + 1)

        init() {}

        /// - Complexity: O(`faults.count`), once per change of the schedule.
        init(_ faults: [Fault]) {
            guard !faults.isEmpty else { return }
            var counts = Array(repeating: 0, count: KindSlot.allCases.count + 1)
            for fault in faults { counts[KindSlot(fault.kind).rawValue + 1] += 1 }
            for slot in KindSlot.allCases { counts[slot.rawValue + 1] += counts[slot.rawValue] }
            starts = counts
            var next = counts
            var grouped = [Window?](repeating: nil, count: faults.count)
            for fault in faults {
                let slot = KindSlot(fault.kind).rawValue
                grouped[next[slot]] = Window(startMicros: fault.startMicros, endMicros: fault.endMicros, kind: fault.kind)
                next[slot] += 1
            }
            windows = grouped.map { window in
                guard let window else { preconditionFailure("FaultSchedule.Index left a hole") }
                return window
            }
        }

        /// The windows of `slot`, in list order.
        @inline(__always)
        subscript(slot: KindSlot) -> ArraySlice<Window> {
            windows[starts[slot.rawValue]..<starts[slot.rawValue + 1]]
        }
    }
}

import VoiceCore

/// How often calls run into one kind of incident: for each started minute of a call, a
/// chance of one fault window of this kind starting at a uniform time in that minute.
///
/// A rate per minute makes long calls meet more incidents than short ones, as in life.
public struct IncidentRate: Equatable, Sendable {
    public var kind: Fault.KindName
    /// The provider of `providerOutage` and `providerSlow`.
    public var provider: Fault.Provider?
    public var perMinute: Ratio
    /// How long the window lasts (unused for `connectionReset`).
    public var durationMicros: IntDistribution
    /// The kind's size: `extraMs` of a spike, slow provider or late delivery, `delayMs` of a
    /// cold start, `maxDelayMs` of reordering (all in microseconds here), `lossPpm` of loss.
    public var amount: IntDistribution?

    public init(kind: Fault.KindName, provider: Fault.Provider? = nil, perMinute: Ratio,
                durationMicros: IntDistribution = .fixed(1_000_000), amount: IntDistribution? = nil) {
        precondition(IncidentRate.needsProvider(kind) == (provider != nil), "\(kind) and provider \(String(describing: provider))")
        precondition(IncidentRate.amountField(kind) == nil || amount != nil, "\(kind) needs an amount")
        self.kind = kind
        self.provider = provider
        self.perMinute = perMinute
        self.durationMicros = durationMicros
        self.amount = amount
    }
}

extension IncidentRate {
    static let minuteMicros: Int64 = 60_000_000

    static func needsProvider(_ kind: Fault.KindName) -> Bool {
        switch kind {
        case .providerOutage, .providerSlow: true
        case .partition, .connectionReset, .stall, .latencySpike, .loss, .coldStart, .duplicate, .reorder, .lateDelivery,
            .duplicateDown, .reorderDown, .lateDeliveryDown:
            false
        }
    }

    /// The spec field that gives the kind's size, if it has one.
    static func amountField(_ kind: Fault.KindName) -> String? {
        switch kind {
        case .latencySpike, .providerSlow, .lateDelivery, .lateDeliveryDown: "extraMs"
        case .coldStart: "delayMs"
        case .reorder, .reorderDown: "maxDelayMs"
        case .loss: "lossPpm"
        case .partition, .connectionReset, .stall, .providerOutage, .duplicate, .duplicateDown: nil
        }
    }

    /// The fault windows of this kind in a call lasting `callMicros`, named `label-1`, `label-2`, …
    func faults(callMicros: Int64, label: String, random: inout PRNG) -> [Fault] {
        var faults: [Fault] = []
        var minuteStart: Int64 = 0
        while minuteStart < callMicros {
            if random.chance(perMinute) {
                let latest = min(minuteStart + IncidentRate.minuteMicros, callMicros) - 1
                // Whole milliseconds, so the call's scenario file says exactly this.
                let start = random.inRange(minuteStart, latest) / 1_000 * 1_000
                faults.append(fault(start: start, name: "\(label)-\(faults.count + 1)", random: &random))
            }
            minuteStart += IncidentRate.minuteMicros
        }
        return faults
    }

    /// Durations are drawn in whole milliseconds (and loss in whole ppm), what a scenario file
    /// can say, so the call's file reproduces it exactly.
    private func fault(start: Int64, name: String, random: inout PRNG) -> Fault {
        let drawn = amount.map { $0.sample(using: &random) } ?? 0
        let size = self.kind == .loss ? drawn : drawn / 1_000 * 1_000
        let kind: Fault.Kind
        switch self.kind {
        case .partition: kind = .partition
        case .connectionReset: return Fault(name: name, startMicros: start, endMicros: start, kind: .connectionReset)
        case .stall: kind = .stall
        case .latencySpike: kind = .latencySpike(extraMicros: size)
        case .loss: kind = .loss(.ppm(UInt64(size)))
        case .coldStart: kind = .coldStart(delayMicros: size)
        case .providerOutage: kind = .providerOutage(provider: provider!)
        case .providerSlow: kind = .providerSlow(provider: provider!, extraMicros: size)
        case .duplicate: kind = .duplicate
        case .reorder: kind = .reorder(maxDelayMicros: size)
        case .lateDelivery: kind = .lateDelivery(extraMicros: size)
        case .duplicateDown: kind = .duplicateDown
        case .reorderDown: kind = .reorderDown(maxDelayMicros: size)
        case .lateDeliveryDown: kind = .lateDeliveryDown(extraMicros: size)
        }
        let duration = max(1_000, durationMicros.sample(using: &random) / 1_000 * 1_000)
        return Fault(name: name, startMicros: start, endMicros: start + duration, kind: kind)
    }
}

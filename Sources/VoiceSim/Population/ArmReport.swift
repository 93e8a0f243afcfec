import VoiceCore

/// The forecast for one arm of the flag (V1 or V2): latency, success, accuracy, disruptions,
/// cost and limits over that arm's calls, each KPI judged against the thresholds.
public struct ArmReport: Equatable, Sendable {
    public var arm: Pipeline
    /// Calls the arm's users started (admitted or not).
    public var callsAttempted: Int
    public var callsSimulated: Int
    public var refusedDailyCap: Int
    public var refusedThrottled: Int
    /// Voice-to-voice of counted, answered turns, in microseconds.
    public var latencyCount: Int
    public var latencyTotalMicros: Int64
    public var latencyMean: Estimate
    public var latencyP50: Estimate
    public var latencyP95: Estimate
    public var latencyP99: Estimate
    /// Answered turns out of counted turns plus one failed attempt per refused call.
    public var successAnswered: Int
    public var successAttempts: Int
    public var success: Estimate
    public var wordErrors: WordErrors
    public var accuracy: Estimate
    public var interruptions: Int
    public var reconnects: Int
    public var lostAudioMicros: Int64
    public var callsWithLostAudio: Int
    public var costMicroUSD: Int64
    public var callMicros: Int64
    /// Monthly spend if every daily user were on this arm.
    public var projectedMonthlyUSD: Double
    /// Daily users this arm could serve before its monthly spend reaches the alert.
    public var dailyUsersWithinAlert: Int64
    /// Calls whose run broke an invariant or oracle.
    public var callsWithViolations: Int
    public var verdicts: [KPIVerdict]
    /// The slowest calls (by their slowest counted turn), slowest first: the tail to open.
    public var tailCalls: [CallSummary]
}

/// One KPI of one arm: its threshold and whether the estimate holds it.
public struct KPIVerdict: Equatable, Sendable {
    public var kpi: RolloutKPI
    public var pass: Bool
    /// The confidence interval lies wholly on the verdict's side of the threshold.
    public var confident: Bool
}

extension ArmReport {
    static let tailCallCount = 3

    /// Builds the arm's report from its calls (all of one arm, in call order).
    static func make(arm: Pipeline, calls: [CallSummary], spec: PopulationSpec, grantedPerUserPerDay: Double)
        -> ArmReport
    {
        let simulated = calls.filter { $0.admission == .granted }
        let latencies = simulated.flatMap(\.latenciesMicros).sorted()
        let refused = calls.count - simulated.count
        let answered = simulated.reduce(0) { $0 + $1.turnsAnswered }
        let attempts = simulated.reduce(0) { $0 + $1.turnsCounted } + refused
        let words = simulated.reduce(WordErrors()) { $0 + $1.wordErrors }
        let cost = simulated.reduce(Int64(0)) { $0 + $1.costMicroUSD }
        let meanCostUSD = simulated.isEmpty ? 0 : Double(cost) / Double(simulated.count) / 1_000_000
        var report = ArmReport(
            arm: arm, callsAttempted: calls.count, callsSimulated: simulated.count,
            refusedDailyCap: calls.filter { $0.admission == .dailyCap }.count,
            refusedThrottled: calls.filter { $0.admission == .throttled }.count,
            latencyCount: latencies.count, latencyTotalMicros: latencies.reduce(0, +), latencyMean: .mean(latencies),
            latencyP50: .quantile(latencies, percent: 50), latencyP95: .quantile(latencies, percent: 95),
            latencyP99: .quantile(latencies, percent: 99), successAnswered: answered, successAttempts: attempts,
            success: .proportion(answered, of: attempts), wordErrors: words,
            accuracy: .proportion(words.referenceWords - min(words.errors, words.referenceWords), of: words.referenceWords),
            interruptions: simulated.reduce(0) { $0 + $1.interruptions },
            reconnects: simulated.reduce(0) { $0 + $1.reconnects },
            lostAudioMicros: simulated.reduce(0) { $0 + $1.lostAudioMicros },
            callsWithLostAudio: simulated.filter { $0.lostAudioMicros > 0 }.count, costMicroUSD: cost,
            callMicros: simulated.reduce(0) { $0 + $1.durationMicros },
            projectedMonthlyUSD: Double(spec.dailyUsers) * grantedPerUserPerDay * meanCostUSD * 30,
            dailyUsersWithinAlert: ArmReport.usersWithin(alertMicroUSD: spec.limits.monthlySpendAlertMicroUSD,
                                                         monthlyUSDPerUser: grantedPerUserPerDay * meanCostUSD * 30),
            callsWithViolations: simulated.filter { $0.violations > 0 }.count, verdicts: [],
            tailCalls: Array(simulated.filter { !$0.latenciesMicros.isEmpty }.sorted {
                let (lhs, rhs) = ($0.latenciesMicros.max()!, $1.latenciesMicros.max()!)
                return lhs == rhs ? $0.index < $1.index : lhs > rhs
            }.prefix(tailCallCount)))
        report.verdicts = report.judge(spec.kpis, alertMicroUSD: spec.limits.monthlySpendAlertMicroUSD)
        return report
    }

    /// Each KPI against its threshold: latency compares exact integers, success and accuracy
    /// exact fractions (spend is a projection in dollars); `confident` reads the interval.
    func judge(_ kpis: RolloutKPIs, alertMicroUSD: Int64) -> [KPIVerdict] {
        func below(_ estimate: Estimate, _ limit: Int64, pass: Bool) -> KPIVerdict.Partial {
            KPIVerdict.Partial(pass: pass, confident: pass ? estimate.high < Double(limit) : estimate.low >= Double(limit))
        }
        func above(_ estimate: Estimate, _ threshold: Ratio, pass: Bool) -> KPIVerdict.Partial {
            let limit = Double(threshold.numerator) / Double(threshold.denominator)
            return KPIVerdict.Partial(pass: pass, confident: pass ? estimate.low > limit : estimate.high <= limit)
        }
        let hasLatency = latencyCount > 0
        let correct = UInt64(wordErrors.referenceWords - min(wordErrors.errors, wordErrors.referenceWords))
        let partials: [(RolloutKPI, KPIVerdict.Partial)] = [
            (.mean, below(latencyMean, kpis.meanMicrosMax, pass: hasLatency && latencyTotalMicros < kpis.meanMicrosMax * Int64(latencyCount))),
            (.p95, below(latencyP95, kpis.p95MicrosMax, pass: hasLatency && Int64(latencyP95.value) < kpis.p95MicrosMax)),
            (.success, above(success, kpis.successMin,
                             pass: RolloutKPIs.above(UInt64(successAnswered), of: UInt64(successAttempts), kpis.successMin))),
            (.accuracy, above(accuracy, kpis.accuracyMin,
                              pass: RolloutKPIs.above(correct, of: UInt64(wordErrors.referenceWords), kpis.accuracyMin))),
            (.spend, KPIVerdict.Partial(pass: projectedMonthlyUSD * 1_000_000 < Double(alertMicroUSD), confident: true)),
        ]
        return partials.map { KPIVerdict(kpi: $0.0, pass: $0.1.pass, confident: $0.1.confident) }
    }

    static func usersWithin(alertMicroUSD: Int64, monthlyUSDPerUser: Double) -> Int64 {
        guard monthlyUSDPerUser > 0 else { return Int64.max }
        return Int64(min(Double(Int64.max / 2), (Double(alertMicroUSD) / 1_000_000 / monthlyUSDPerUser).rounded(.down)))
    }

    /// The KPIs this arm fails.
    public var failed: [RolloutKPI] { verdicts.filter { !$0.pass }.map(\.kpi) }

    public func verdict(_ kpi: RolloutKPI) -> KPIVerdict { verdicts.first { $0.kpi == kpi }! }
}

extension KPIVerdict {
    struct Partial {
        var pass: Bool
        var confident: Bool
    }
}

import VoiceCore

/// The forecast of a population run: one `ArmReport` per arm of the flag, the day's admission
/// figures, and whether V2 passes the rollout gate.
public struct PopulationReport: Equatable, Sendable {
    public var name: String
    public var seed: UInt64
    public var calls: Int
    public var flag: FeatureFlag
    public var usersCount: Int
    public var dailyUsers: Int64
    /// Calls all modelled users start in a day, and how the session manager admitted them.
    public var callsPerDay: Int64
    public var grantedPerDay: Int64
    public var dailyCapPerDay: Int64
    public var throttledPerDay: Int64
    public var usersHittingCap: Int
    public var usersThrottled: Int
    public var kpis: RolloutKPIs
    public var monthlyAlertMicroUSD: Int64
    /// Monthly spend at the flag's current share (every arm at its share of the calls).
    public var projectedMonthlyUSD: Double
    /// V1 then V2; an arm no call landed on is left out.
    public var arms: [ArmReport]
}

extension PopulationReport {
    static func make(spec: PopulationSpec, seed: UInt64, users: UserPopulation, calls: [CallSummary]) -> PopulationReport {
        let granted = users.count(.granted)
        let grantedPerUser = Double(granted) / Double(spec.users.count)
        let arms = [Pipeline.v1, .v2].compactMap { arm -> ArmReport? in
            let mine = calls.filter { $0.arm == arm }
            return mine.isEmpty ? nil : ArmReport.make(arm: arm, calls: mine, spec: spec, grantedPerUserPerDay: grantedPerUser)
        }
        let simulated = calls.filter { $0.admission == .granted }
        let meanCostUSD = simulated.isEmpty ? 0
            : Double(simulated.reduce(Int64(0)) { $0 + $1.costMicroUSD }) / Double(simulated.count) / 1_000_000
        return PopulationReport(
            name: spec.name, seed: seed, calls: calls.count, flag: spec.flag, usersCount: spec.users.count,
            dailyUsers: spec.dailyUsers, callsPerDay: users.callsPerDayTotal, grantedPerDay: granted,
            dailyCapPerDay: users.count(.dailyCap), throttledPerDay: users.count(.throttled),
            usersHittingCap: users.users(refused: .dailyCap), usersThrottled: users.users(refused: .throttled),
            kpis: spec.kpis, monthlyAlertMicroUSD: spec.limits.monthlySpendAlertMicroUSD,
            projectedMonthlyUSD: Double(spec.dailyUsers) * grantedPerUser * meanCostUSD * 30, arms: arms)
    }

    public func arm(_ pipeline: Pipeline) -> ArmReport? { arms.first { $0.arm == pipeline } }

    /// The rollout gate: V2 holds every KPI (nil when no call ran on V2).
    public var v2Passes: Bool? { arm(.v2).map { $0.failed.isEmpty } }
}

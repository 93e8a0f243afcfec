import VoiceCore

/// A population run: every call planned from (seed, index), simulated on `jobs` threads,
/// and reduced to a report. The calls and the report do not depend on `jobs`.
public struct PopulationRun: Sendable {
    public var spec: PopulationSpec
    public var seed: UInt64
    public var users: UserPopulation
    /// One per call, in call order.
    public var calls: [CallSummary]
    public var report: PopulationReport
}

extension PopulationRun {
    /// Simulates `count` calls of `spec` (its own count when nil) from `seed` (the spec's when nil).
    public static func run(
        _ spec: PopulationSpec, calls count: Int? = nil, seed: UInt64? = nil, jobs: Int = 1,
        progress: (@Sendable (Int) -> Void)? = nil
    ) -> PopulationRun {
        let seed = seed ?? spec.seed
        let users = UserPopulation.make(spec: spec, seed: seed)
        let total = count ?? spec.calls
        let calls = ParallelMap.map(count: total, jobs: jobs, progress: progress) { index in
            CallSummary.run(spec.plan(call: index, seed: seed, users: users),
                            answerWindowMicros: spec.call.answerWindowMicros)
        }
        return PopulationRun(spec: spec, seed: seed, users: users, calls: calls,
                             report: PopulationReport.make(spec: spec, seed: seed, users: users, calls: calls))
    }

    /// Call `index` alone, as the run planned it: the scenario `voicesim run` can replay.
    public static func call(_ index: Int, of spec: PopulationSpec, seed: UInt64? = nil) -> PopulationCall {
        let seed = seed ?? spec.seed
        return spec.plan(call: index, seed: seed, users: UserPopulation.make(spec: spec, seed: seed))
    }
}

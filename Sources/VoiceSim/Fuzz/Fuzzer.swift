import VoiceCore

/// Runs scenarios and checks what must always hold, whatever the faults: safety (machine
/// invariants and the oracles, `Oracles/`) on every step, liveness once faults heal.
public enum Fuzzer {
    /// After the last fault heals, the conversation gets this long to recover.
    public static let convergenceMicros: Int64 = 12_000_000
    /// Turns ending this close to the hang-up are not expected to be answered.
    public static let answerWindowMicros: Int64 = 20_000_000

    /// Runs `scenario` and returns everything it broke (empty: it passed).
    public static func check(_ scenario: Scenario) -> (result: SimulationResult, failures: [FuzzFailure]) {
        check(scenario, plantedBugs: PlantedBugs())
    }

    /// `check` with bugs planted in the core.
    package static func check(_ scenario: Scenario, plantedBugs: PlantedBugs)
        -> (result: SimulationResult, failures: [FuzzFailure])
    {
        var simulation = Simulation(scenario: scenario, plantedBugs: plantedBugs)
        simulation.keepsAudioSamples = false
        let result = simulation.run()
        var failures = result.invariantViolations.prefix(result.machineViolationCount).map { FuzzFailure.invariant($0) }
        failures += result.oracleViolations.map { FuzzFailure.oracle($0.kind, $0.description) }
        if let problem = livenessProblem(scenario, result) { failures.append(.liveness(problem)) }
        return (result, failures)
    }

    /// The last turn that ended after the faults healed (plus convergence) and early enough
    /// to be answered before the hang-up must have been answered, or a later turn of its lane:
    /// a user who starts speaking again before the reply arrives refuses it as stale (issue 8,
    /// class a), and the answer to the next turn shows the conversation recovered.
    static func livenessProblem(_ scenario: Scenario, _ result: SimulationResult) -> String? {
        // The faults in force, so a triggered fault counts from where it fired.
        let healed = result.faults.healedAt + convergenceMicros
        let deadline = Instant(micros: scenario.durationMicros - answerWindowMicros)
        let candidates = result.turns.filter { $0.speechEndAt >= healed && $0.speechEndAt <= deadline }
        guard let last = candidates.last else { return nil }
        guard last.firstPlayAt == nil else { return nil }
        // A provider that keeps failing (the swarm's `llmErrors` is a 5xx rate that never heals)
        // can exhaust a turn's `llmAttemptsMax` attempts; the server then tells the user and
        // listens again. That error is the turn's answer: the conversation did not hang.
        let toldProviderFailed = result.clientErrors.contains {
            $0.lane == last.lane && $0.code == .providerFailed && $0.time >= last.speechEndAt
        }
        guard !toldProviderFailed else { return nil }
        // A client that gave up while faults took every attempt its policy allows ended the
        // call for the user (it shows "failed"); the retry oracle checked the attempts.
        let gaveUp = result.clientsGaveUp.contains { $0.lane == last.lane && $0.at <= last.speechEndAt }
        guard !gaveUp else { return nil }
        let laterAnswered = result.turns.contains {
            $0.lane == last.lane && $0.speechEndAt > last.speechEndAt && $0.firstPlayAt != nil
        }
        guard !laterAnswered else { return nil }
        return "turn \"\(last.userText)\" ending at \(last.speechEndAt), after faults healed at "
            + "\(result.faults.healedAt), was never answered"
    }

    /// Removes faults one at a time while the failure of the same kind persists:
    /// the smallest schedule that still fails, for a readable repro.
    /// - Complexity: O(faults²) simulation runs.
    public static func shrink(_ scenario: Scenario, failure: FuzzFailure) -> Scenario {
        shrink(scenario) { check($0).failures.contains { $0.sameKind(as: failure) } }
    }

    /// Removes faults while `stillFails` holds for the smaller schedule: first all of them,
    /// then runs of half, a quarter, … of the schedule, then one at a time (delta debugging),
    /// so a defect that needs no fault or one fault costs a few runs, not one per fault.
    /// - Complexity: O(faults · log(faults)) calls of `stillFails` in the usual case, O(faults²) at worst.
    public static func shrink(_ scenario: Scenario, while stillFails: (Scenario) -> Bool) -> Scenario {
        var current = scenario
        var empty = current
        empty.faults = FaultSchedule()
        if !current.faults.isEmpty && stillFails(empty) { return empty }
        var run = max(1, current.faults.count / 2)
        while true {
            var start = 0
            while start < current.faults.count {
                var candidate = current
                let end = min(start + run, current.faults.count)
                candidate.faults = FaultSchedule(Array(current.faults.faults[..<start] + current.faults.faults[end...]))
                if stillFails(candidate) {
                    current = candidate
                } else {
                    start = end
                }
            }
            if run == 1 { break }
            run = max(1, run / 2)
        }
        return current
    }
}

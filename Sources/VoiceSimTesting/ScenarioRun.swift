import Foundation
import Recorder
import VoiceCore
import VoiceSim

/// A scenario run for a test: the simulator's report and the recorded session's facts, on
/// which expectations are checked with the same code as `voicesim regress`.
///
///     let run = try ScenarioRun("v2-barge-in")
///     try run.expect("exactly 1 interruption")
///     try run.expectHistoryHoldsOnlyPlayedText()
///     #expect(run.result.turns.count == 4)
public struct ScenarioRun: Sendable {
    public var scenario: Scenario
    /// The simulator's report: turns, usage, metrics, invariant violations.
    public var result: SimulationResult
    /// The recorded session, as the expectations read it.
    public var facts: SessionFacts

    /// Runs the built-in or scenario file `nameOrFile` on the current core changed by `core`.
    public init(_ nameOrFile: String, core: CoreChange = .none) throws {
        let scenario: Scenario
        do {
            scenario = try Scenario.load(fileOrBuiltinName: nameOrFile)
        } catch {
            throw VoiceSimTestFailure("bad scenario: \(error)")
        }
        try self.init(scenario: scenario, core: core)
    }

    /// Runs `scenario` on the current core changed by `core`, recording it to a temporary trace.
    public init(scenario: Scenario, core: CoreChange = .none) throws {
        let path = NSTemporaryDirectory() + "voicesim-testing-\(UUID().uuidString).sqlite"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        var simulation = Simulation(scenario: scenario, core: core)
        self.scenario = scenario
        result = simulation.run()
        do {
            _ = try Simulation.recordGolden(scenario: scenario, core: core, path: path)
            facts = try SessionFacts.load(try TraceReader(path: path), session: nil)
        } catch {
            throw VoiceSimTestFailure("\(scenario.name): cannot record the run: \(error)")
        }
    }
}

extension ScenarioRun {
    /// Throws unless the run broke no invariant.
    public func expectNoInvariantViolations() throws {
        guard result.invariantViolations.isEmpty else {
            throw VoiceSimTestFailure("\(scenario.name): \(result.invariantViolations.count) invariant violations",
                                      details: Array(result.invariantViolations.prefix(5)))
        }
    }
}

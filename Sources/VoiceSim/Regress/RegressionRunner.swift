import Foundation
import Recorder
import VoiceCore

/// Runs golden sessions as regression tests: `voicesim regress` and `VoiceSimTesting` both call it.
///
/// For each golden: the recorded scenario is compared with its source (stale when it drifted);
/// the session is replayed bit for bit by the current core, built with the configuration the
/// current simulator gives the recorded scenario (so a changed default or `CoreChange` is
/// replayed, not the configuration stored in the trace); then every expectation is checked —
/// on the recording when it replayed identically, else on a fresh run of the scenario, since
/// the recording no longer shows what the core does. With `update`, a golden that did not pass
/// is re-recorded and its pins re-measured, unless the new behaviour breaks a guard.
public struct RegressionRunner: Sendable {
    public var core: CoreChange
    public var update: Bool

    public init(core: CoreChange = .none, update: Bool = false) {
        self.core = core
        self.update = update
    }
}

extension RegressionRunner {
    /// Every golden named by `paths` (see `GoldenCase.discover`), in order.
    public func run(_ paths: [String]) throws(RegressError) -> RegressionReport {
        RegressionReport(goldens: try GoldenCase.discover(paths).map { run($0) })
    }

    /// One golden; with `update`, re-recorded first when it did not pass.
    public func run(_ golden: GoldenCase) -> GoldenReport {
        let judgement = judge(golden)
        defer { judgement.candidate?.remove() }
        guard update, judgement.report.status != .passed, judgement.updatable else { return judgement.report }
        return updated(golden, judgement)
    }
}

/// A fresh recording of a golden's scenario by the current core, in a temporary file.
struct Candidate {
    let path: String
    let facts: SessionFacts

    func remove() { GoldenFiles.removeTrace(at: path) }
}

/// A golden's verdict, with what `--update` needs to act on it.
struct Judgement {
    var report: GoldenReport
    var candidate: Candidate?
    /// The scenario a re-recording runs: the source file's, else the recorded one.
    var scenario: Scenario?
    /// False when updating cannot help (a bad expectations or scenario file).
    var updatable: Bool
}

extension RegressionRunner {
    func judge(_ golden: GoldenCase) -> Judgement {
        var report = GoldenReport(name: golden.name, description: golden.description, status: .passed)
        func broken(_ problem: String, updatable: Bool, scenario: Scenario? = nil) -> Judgement {
            report.status = .broken
            report.problem = problem
            return Judgement(report: report, candidate: nil, scenario: scenario, updatable: updatable)
        }
        var source: Scenario?
        var builtin: Scenario?
        if let scenarioPath = golden.scenarioPath {
            do {
                source = try Scenario.load(file: scenarioPath)
            } catch {
                return broken("bad scenario: \(error)", updatable: false)
            }
            builtin = golden.builtin.flatMap(BuiltinScenarios.named)
        }
        guard FileManager.default.fileExists(atPath: golden.tracePath) else {
            return broken("no trace \(golden.tracePath); record it with voicesim regress --update", updatable: source != nil,
                          scenario: source)
        }
        let reader: TraceReader
        let session: TraceSession
        do {
            reader = try TraceReader(path: golden.tracePath)
            session = try reader.chooseSession(nil)
        } catch {
            return broken("bad trace \(golden.tracePath): \(error)", updatable: source != nil, scenario: source)
        }
        let recorded = session.header.scenarioText.flatMap { try? Scenario.parse($0, fileName: golden.tracePath) }
        if let source {
            if let recorded {
                report.drift = ScenarioDrift.find(recorded: recorded, file: source, fileName: golden.scenarioPath ?? "",
                                                  builtin: builtin)
            } else {
                report.drift = ["the trace holds no readable scenario to compare with \(golden.scenarioPath ?? "")"]
            }
        }
        let identical: Bool
        do {
            identical = try replay(reader, session, recorded: recorded, report: &report)
        } catch {
            return broken("bad trace \(golden.tracePath): \(error)", updatable: source != nil, scenario: source)
        }
        var judgement = Judgement(report: report, candidate: nil, scenario: source ?? recorded, updatable: true)
        guard !golden.expectations.isEmpty else {
            judgement.report.status = judgement.report.drift.isEmpty ? (identical ? .passed : .failed) : .stale
            return judgement
        }
        let facts: SessionFacts
        do {
            if identical && report.drift.isEmpty {
                facts = try SessionFacts.load(reader, session: session.id)
            } else {
                guard let scenario = judgement.scenario else {
                    return broken("the trace holds no scenario to run again", updatable: false)
                }
                let candidate = try record(scenario, name: golden.name)
                judgement.candidate = candidate
                judgement.report.judgedOnRerun = true
                facts = candidate.facts
            }
        } catch {
            return broken("cannot judge the expectations: \(error)", updatable: false)
        }
        judgement.report.expectations = golden.expectations.map { $0.expectation.check(facts, sentence: $0.sentence) }
        if !judgement.report.drift.isEmpty {
            judgement.report.status = .stale
        } else if !identical || !judgement.report.failedExpectations.isEmpty {
            judgement.report.status = .failed
        }
        return judgement
    }

    /// Replays the session with the machines the current simulator builds for the recorded
    /// scenario; true when identical. Notes a recorded configuration that differs but
    /// behaves the same.
    private func replay(
        _ reader: TraceReader, _ session: TraceSession, recorded: Scenario?, report: inout GoldenReport
    ) throws(TraceError) -> Bool {
        let current = recorded.map { Simulation(scenario: $0, seed: session.header.seed, core: core).laneSetups } ?? []
        let change = core
        let setup: (LaneSetup) -> LaneSetup = { stored in
            current.first { $0.clientSeed == stored.clientSeed && $0.serverSeed == stored.serverSeed }
                ?? change.applied(to: stored)
        }
        let replay = try Replayer(makeMachines: { setup($0).makeMachines() }).replay(reader, session: session.id)
        let identical = replay.isIdentical && replay.eventsReplayed == session.eventCount
        if !identical {
            report.divergence = replay.divergence?.description
                ?? "replayed \(replay.eventsReplayed) of \(session.eventCount) events; final digest "
                + "\(hex16(replay.finalDigest)), recorded \(replay.recordedFinalDigest.map(hex16) ?? "none")"
        } else {
            for (lane, stored) in session.header.lanes.enumerated() {
                let changes = ConfigDifferences.list(stored, setup(stored))
                if !changes.isEmpty {
                    report.notes.append("lane \(lane) was recorded with another core configuration but behaves the "
                        + "same: " + changes.joined(separator: ", "))
                }
            }
        }
        return identical
    }

    func record(_ scenario: Scenario, name: String) throws(DebugError) -> Candidate {
        let path = NSTemporaryDirectory() + "voicesim-regress-\(name)-\(UUID().uuidString).sqlite"
        let reader: TraceReader
        do {
            _ = try Simulation.recordGolden(scenario: scenario, core: core, path: path)
            reader = try TraceReader(path: path)
        } catch {
            GoldenFiles.removeTrace(at: path)
            throw .trace(error)
        }
        do {
            return Candidate(path: path, facts: try SessionFacts.load(reader, session: nil))
        } catch {
            GoldenFiles.removeTrace(at: path)
            throw error
        }
    }
}

import ArgumentParser
import CLISupport
import Recorder
import VoiceCore
import VoiceSim

struct PopulationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population",
        abstract: "Simulate a population of calls from a spec and forecast each flag arm's KPIs, cost and limits.",
        discussion: """
            Every call is an ordinary simulation derived from (seed, call index); results do not depend on --jobs. \
            --call K runs one call alone (as `voicesim run` would) and --scenario-out writes it as a scenario file. \
            Exit 0 when V2 holds every KPI (or no call ran on V2), 1 when it fails one, 2 on a bad spec or arguments.
            """
    )

    @Argument(help: "A population spec file (.yaml or .json).")
    var spec: String

    @Option(help: "Calls to simulate (default: the spec's calls).")
    var calls: Int?

    @Option(help: "Threads to run calls on (default: every core).")
    var jobs: Int?

    @Option(help: "Override the spec's seed (decimal or 0x-prefixed hex).")
    var seed: String?

    @Option(help: "Write one summary session per call (the traces' sessions columns) to this SQLite trace.")
    var out: String?

    @Option(help: "Record full traces of the calls that breach a KPI into this SQLite trace.")
    var breachTraces: String?

    @Option(help: "With --breach-traces: record at most this many calls.")
    var breachTracesMax = 20

    @Option(help: "Project monthly spend for this many daily users (default: the spec's forecast.dailyUsers).")
    var dailyUsers: Int64?

    @Option(help: "Run only this call, alone, and print its run report.")
    var call: Int?

    @Option(help: "With --call: write the call's scenario here (then `voicesim run FILE` reproduces it).")
    var scenarioOut: String?

    @Flag(help: "Print one JSON object (an object per arm) instead of the readable report.")
    var json = false

    func validate() throws {
        if let seed, parseSeed(seed) == nil {
            throw ValidationError("--seed must be an unsigned 64-bit integer, decimal or 0x-hex; got '\(seed)'.")
        }
        if let calls, calls < 1 || calls > 10_000_000 { throw ValidationError("--calls must be 1...10000000.") }
        if let jobs, jobs < 1 || jobs > 1_024 { throw ValidationError("--jobs must be 1...1024.") }
        if let call, call < 0 { throw ValidationError("--call must be 0 or more.") }
        if let dailyUsers, dailyUsers < 1 { throw ValidationError("--daily-users must be at least 1.") }
        if breachTracesMax < 1 { throw ValidationError("--breach-traces-max must be at least 1.") }
        if scenarioOut != nil && call == nil { throw ValidationError("--scenario-out needs --call.") }
    }

    func run() throws {
        var loaded: PopulationSpec
        do {
            loaded = try PopulationSpec.load(file: spec)
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
        if let dailyUsers { loaded.dailyUsers = dailyUsers }
        let seedValue = seed.flatMap(parseSeed) ?? loaded.seed
        if let call { return try runOne(call, of: loaded, seed: seedValue) }
        let total = calls ?? loaded.calls
        let bar = SerialProgress(ProgressBar("population"))
        let started = FileHandleLite.monotonicSeconds()
        let run = PopulationRun.run(loaded, calls: total, seed: seedValue, jobs: jobs ?? ParallelMap.processorCount) {
            bar.bar.update(Int64($0), of: Int64(total))
        }
        bar.bar.finish()
        let wall = FileHandleLite.monotonicSeconds() - started
        printError("simulated \(total) calls in \(formatFixed(wall, decimals: 2)) s on \(jobs ?? ParallelMap.processorCount) jobs")
        do {
            if let out {
                let ids = try PopulationStore.writeSummaries(run, path: out)
                printError("wrote \(ids.count) call summaries to \(out) (sessions \(ids.first ?? 0)…\(ids.last ?? 0))")
            }
            if let breachTraces {
                let recorded = try PopulationStore.recordBreaches(run, path: breachTraces, limit: breachTracesMax)
                printError("recorded \(recorded.count) calls that breach a KPI in \(breachTraces)"
                    + (recorded.isEmpty ? "" : ": calls " + recorded.map(String.init).joined(separator: ", ")))
            }
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
        print(json ? run.report.json(specPath: spec).rendered() : run.report.text(specPath: spec))
        if run.report.v2Passes == false { throw VoiceSimExit.failure }
    }

    /// One call, alone: its plan, and the ordinary run report (same digest as in the population).
    private func runOne(_ index: Int, of spec: PopulationSpec, seed: UInt64) throws {
        let planned = PopulationRun.call(index, of: spec, seed: seed)
        if let scenarioOut {
            try FileHandleLite.writeFile(planned.scenario.yaml, to: scenarioOut)
            printError("wrote call \(index)'s scenario to \(scenarioOut); voicesim run \(scenarioOut) re-runs it")
        }
        guard planned.admission == .granted else {
            if json {
                print(JSONValue.object([
                    ("call", .int(Int64(index))), ("user", .string(planned.userID)), ("arm", .string(planned.arm.description)),
                    ("refused", .string(planned.admission.rawValue)),
                ]).rendered())
            } else {
                print("call \(index): user \(planned.userID) (\(planned.arm)) was refused by the session manager "
                    + "(\(planned.admission.rawValue)); nothing to simulate")
            }
            return
        }
        var simulation = Simulation(scenario: planned.scenario)
        simulation.keepsAudioSamples = false
        let result = simulation.run()
        if json {
            print(result.json.rendered())
        } else {
            print("call \(index): user \(planned.userID), \(planned.arm), \(planned.network) network")
            print(result.text)
        }
    }
}

/// The progress bar, handed to the worker threads: `ParallelMap` calls progress under its lock,
/// one thread at a time, so the bar is never drawn from two threads at once.
private final class SerialProgress: @unchecked Sendable {
    let bar: ProgressBar

    init(_ bar: ProgressBar) {
        self.bar = bar
    }
}

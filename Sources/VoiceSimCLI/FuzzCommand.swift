import ArgumentParser
import CLISupport
import VoiceCore
import VoiceSim
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Swarm-test the voice core: random users, networks and fault schedules, one seed each.",
        discussion: """
            Every seed builds a scenario with a random subset of fault kinds enabled, runs it, and checks
            safety (machine invariants, no playback after a barge-in, and the oracles: mic audio reaches STT
            once or is counted, history holds what the user heard, no reply over a speaking user, billing
            equals the providers' ledger, no stream or timer outlives its purpose, retries back off, the
            displayed state matches playback) and liveness (the conversation recovers once faults heal).
            A failing seed is shrunk to the fewest faults that still fail the same way and printed with a
            one-line repro that re-runs exactly the shrunk case (--keep-faults).
            Exit 0 when every seed passed, 1 on a safety failure, 3 on liveness failures only.
            Split seeds across machines with --shard i/N (e.g. i = $JOB_COMPLETION_INDEX in a
            Kubernetes Indexed Job); each shard runs the seeds whose index is i modulo N. --out writes the
            results to an SQLite file; `voicesim fuzz merge` combines the shards' files into one.
            Seeds run on --jobs threads; the output, failures and JSON are the same for every --jobs.
            """
    )

    @Option(help: "How many seeds to run.")
    var seeds = 200

    @Option(name: .customLong("first-seed"), help: "The first seed (decimal or 0x-hex); seeds follow it in order.")
    var firstSeed = "1"

    @Option(help: "Run only this seed (decimal or 0x-hex): the repro of a reported failure.")
    var seed: String?

    @Option(name: .customLong("keep-faults"),
            help: "With --seed: keep only these faults of the seed's schedule (comma-separated indices): a shrunk repro.")
    var keepFaults: String?

    @Option(help: "Run only shard i of N, written i/N.")
    var shard: String?

    @Option(help: "Seeds run in parallel (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Write the results (seeds covered, failures with their shrunk repros, speed) to this SQLite file, mode 0600.")
    var out: String?

    @Option(name: .customLong("max-failures"), help: "Stop after this many failing seeds.")
    var maxFailures: Int?

    @Option(help: "Plant a known bug in the core (mutation testing of the oracles): \(PlantedBug.allCases.map(\.description).joined(separator: ", ")).")
    var planted: String?

    @Option(help: "Count only failures of this kind: an oracle (e.g. talkOverUser), invariant or liveness.")
    var kind: String?

    static var kindNames: [String] { OracleKind.allCases.map(\.rawValue) + ["invariant", "liveness"] }

    @Option(name: .customLong("save-failures"), help: "Write each failing seed's shrunk scenario as YAML into this folder.")
    var saveFailures: String?

    @Option(help: "Explore around this incident scenario (from `voicesim extract`) instead of random swarm scenarios: each seed is a variant with a nearby seed, shifted and widened faults.")
    var around: String?

    @Flag(name: .customLong("no-shrink"), help: "Report failures without shrinking them.")
    var noShrink = false

    @Flag(help: "Print one JSON object.")
    var json = false

    @Flag(help: "With --seed: first print every machine input and the actions it caused (as `run --log`) for exactly the case fuzz runs; a saved YAML rounds times to milliseconds.")
    var log = false

    func validate() throws {
        guard seeds >= 1 && seeds <= 10_000_000 else { throw ValidationError("--seeds must be 1...10000000.") }
        guard parseSeed(firstSeed) != nil else { throw ValidationError("--first-seed must be a 64-bit integer; got '\(firstSeed)'.") }
        if let seed, parseSeed(seed) == nil { throw ValidationError("--seed must be a 64-bit integer; got '\(seed)'.") }
        if let shard, FuzzCommand.parseShard(shard) == nil {
            throw ValidationError("--shard must be i/N with 0 <= i < N; got '\(shard)'.")
        }
        if let kind, !FuzzCommand.kindNames.contains(kind) {
            throw ValidationError("--kind must be one of \(FuzzCommand.kindNames.joined(separator: ", ")); got '\(kind)'.")
        }
        if log && seed == nil { throw ValidationError("--log needs --seed.") }
        if let maxFailures, maxFailures < 1 { throw ValidationError("--max-failures must be at least 1.") }
        if let jobs, jobs < 1 || jobs > 1_024 { throw ValidationError("--jobs must be 1...1024; got \(jobs).") }
        if let planted, PlantedBug(name: planted) == nil {
            throw ValidationError("--planted must be one of \(PlantedBug.allCases.map(\.description).joined(separator: ", ")); got '\(planted)'.")
        }
        if let keepFaults {
            guard seed != nil else { throw ValidationError("--keep-faults needs --seed.") }
            guard FuzzCommand.parseIndices(keepFaults) != nil else {
                throw ValidationError("--keep-faults must be comma-separated fault indices; got '\(keepFaults)'.")
            }
        }
        // A shard past the seed count would run nothing and pass: refuse it rather than report success.
        if seed == nil, let shard, let (index, _) = FuzzCommand.parseShard(shard), index >= seeds {
            throw ValidationError("--shard \(shard) selects no seed of --seeds \(seeds): i must be below the seed count.")
        }
    }

    static func parseShard(_ text: String) -> (index: Int, count: Int)? {
        FuzzShard(text).map { ($0.index, $0.count) }
    }

    static func parseIndices(_ text: String) -> [Int]? {
        if text.isEmpty { return [] }
        var indices: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let index = Int(part), index >= 0 else { return nil }
            indices.append(index)
        }
        return indices
    }

    /// The seed's scenario, cut down to `--keep-faults` when given.
    func scenario(for seed: UInt64, around incident: Scenario?) throws -> Scenario {
        var scenario = incident.map { AroundIncident.variant($0, number: seed) } ?? SwarmScenario.make(seed: seed)
        guard let keepFaults, let indices = FuzzCommand.parseIndices(keepFaults) else { return scenario }
        if let bad = indices.first(where: { $0 >= scenario.faults.count }) {
            printError("error: --keep-faults: seed 0x\(hex16(seed)) has \(scenario.faults.count) faults, no fault \(bad)")
            throw VoiceSimExit.badInput
        }
        scenario.faults = FaultSchedule(indices.map { scenario.faults.faults[$0] })
        return scenario
    }

    func run() throws {
        let started = FileHandleLite.monotonicSeconds()
        let campaign = try makeCampaign()
        if log, let single = seed.flatMap(parseSeed) { try printLog(seed: single) }
        let positions = campaign.positions
        let jobs = jobs ?? OrderedParallelMap.processorCount
        let progress = !json && isatty(2) != 0
        var reports: [JSONValue] = []
        var records: [FuzzSeedRecord] = []
        var safetyFailures = 0
        var livenessFailures = 0
        var seedsRun = 0
        var saveError: Error?
        OrderedParallelMap.run(count: positions.count, jobs: jobs, compute: { campaign.outcome(at: positions[$0]) }) {
            _, outcome in
            seedsRun += 1
            if progress && (seedsRun % 20 == 0 || seedsRun == positions.count) {
                let rate = Double(seedsRun) / max(0.001, FileHandleLite.monotonicSeconds() - started)
                FileHandleLite.writeToStandardError("\rfuzz: \(seedsRun)/\(positions.count) seeds, "
                    + "\(safetyFailures + livenessFailures) failed, \(Int(rate)) seeds/s ")
            }
            let repro = outcome.finding.map { reproLine(outcome.seed, kept: $0.keptFaults) }
            if out != nil { records.append(FuzzSeedRecord(outcome, repro: repro ?? "")) }
            guard let finding = outcome.finding, let repro else { return true }
            if finding.isSafety { safetyFailures += 1 } else { livenessFailures += 1 }
            if let folder = saveFailures {
                do { try save(finding.shrunk, folder: folder) } catch { saveError = error; return false }
            }
            if progress { FileHandleLite.writeToStandardError("\n") }
            reports.append(report(outcome.seed, outcome.digestHex, finding, repro: repro))
            if !json { printFailure(outcome.seed, finding, repro: repro) }
            return maxFailures.map { safetyFailures + livenessFailures < $0 } ?? true
        }
        if let saveError { throw saveError }
        if progress { FileHandleLite.writeToStandardError("\n") }
        let wall = FileHandleLite.monotonicSeconds() - started
        if let out {
            let run = FuzzShardRun(shard: campaign.shard, seedsRun: seedsRun, wallSeconds: wall, jobs: jobs,
                                   isComplete: seedsRun == positions.count)
            try writeResults(FuzzResults(campaign: campaignParameters, shards: [run], seeds: records), to: out)
        }
        let passed = seedsRun - safetyFailures - livenessFailures
        if json {
            print(JSONValue.object([
                ("seeds", .int(Int64(seedsRun))), ("passed", .int(Int64(passed))),
                ("safetyFailures", .int(Int64(safetyFailures))), ("livenessFailures", .int(Int64(livenessFailures))),
                ("wallSeconds", .number(wall, decimals: 2)),
                ("seedsPerSecond", .number(Double(seedsRun) / max(wall, 0.000_001), decimals: 1)),
                ("failures", .array(reports)),
            ]).rendered())
        } else {
            print("fuzz: \(passed) passed, \(safetyFailures + livenessFailures) failed "
                + "(\(safetyFailures) safety, \(livenessFailures) liveness) of \(seedsRun) seeds in \(formatFixed(wall, decimals: 1)) s")
        }
        if safetyFailures > 0 { throw VoiceSimExit.failure }
        if livenessFailures > 0 { throw VoiceSimExit.livenessOnly }
    }

    /// The command that re-runs exactly the (shrunk) failing case.
    private func reproLine(_ seed: UInt64, kept: [Int]?) -> String {
        var line = "voicesim fuzz " + (around.map { "--around \($0) " } ?? "") + "--seed 0x\(hex16(seed))"
        if let kept { line += " --keep-faults \"\(kept.map(String.init).joined(separator: ","))\"" }
        if let planted { line += " --planted \(planted)" }
        if let kind { line += " --kind \(kind)" }
        return line
    }

    private func save(_ scenario: Scenario, folder: String) throws {
        mkdir(folder, 0o755)
        try FileHandleLite.writeFile(scenario.yaml, to: folder + "/" + scenario.name + ".yaml")
    }
}

import ArgumentParser
import CLISupport
import VoiceCore
import VoiceSim
#if canImport(Glibc)
import Glibc
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
            Kubernetes Indexed Job); each shard runs the seeds whose index is i modulo N.
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
        if let maxFailures, maxFailures < 1 { throw ValidationError("--max-failures must be at least 1.") }
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
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0, index >= 0, index < count
        else { return nil }
        return (index, count)
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

    var seedList: [UInt64] {
        if let seed, let value = parseSeed(seed) { return [value] }
        let first = parseSeed(firstSeed) ?? 1
        let (index, count) = shard.flatMap(FuzzCommand.parseShard) ?? (0, 1)
        return (0..<seeds).filter { $0 % count == index }.map { first &+ UInt64($0) }
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
        let plantedBugs = PlantedBugs(planted.flatMap(PlantedBug.init(name:)).map { [$0] } ?? [])
        let progress = !json && isatty(2) != 0
        var reports: [JSONValue] = []
        var safetyFailures = 0
        var livenessFailures = 0
        var seedsRun = 0
        let list = seedList
        let incident = try around.map(ScenarioOptions.loadScenario)
        for seed in list {
            let scenario = try scenario(for: seed, around: incident)
            let (result, all) = Fuzzer.check(scenario, plantedBugs: plantedBugs)
            let failures = kind.map { name in all.filter { $0.kindName == name } } ?? all
            seedsRun += 1
            if progress && (seedsRun % 20 == 0 || seedsRun == list.count) {
                let rate = Double(seedsRun) / max(0.001, FileHandleLite.monotonicSeconds() - started)
                FileHandleLite.writeToStandardError("\rfuzz: \(seedsRun)/\(list.count) seeds, "
                    + "\(safetyFailures + livenessFailures) failed, \(Int(rate)) seeds/s ")
            }
            guard let first = failures.first else { continue }
            if failures.contains(where: \.isSafety) { safetyFailures += 1 } else { livenessFailures += 1 }
            let shrunk = noShrink ? scenario : Fuzzer.shrink(scenario) {
                Fuzzer.check($0, plantedBugs: plantedBugs).failures.contains { $0.sameKind(as: first) }
            }
            let kept = shrunk.faults.faults.compactMap { fault in scenario.faults.faults.firstIndex(of: fault) }
            let repro = reproLine(seed, kept: noShrink ? nil : kept)
            if let folder = saveFailures { try save(shrunk, folder: folder) }
            if progress { FileHandleLite.writeToStandardError("\n") }
            reports.append(.object([
                ("seed", .string("0x" + hex16(seed))), ("kind", .string(first.kindName)),
                ("failures", .array(failures.map { .string($0.description) })),
                ("digest", .string(result.digestHex)), ("faults", .int(Int64(scenario.faults.count))),
                ("shrunkFaults", .array(shrunk.faults.faults.map { .string("\($0.name): \($0.kind) \($0.start)…\($0.end)") })),
                ("repro", .string(repro)),
            ]))
            if !json {
                print("FAIL seed 0x\(hex16(seed)) (\(scenario.description))")
                for failure in failures.prefix(5) { print("  \(failure)") }
                if failures.count > 5 { print("  … \(failures.count - 5) more") }
                print("  shrunk (keeping \(first.kindName)) to \(shrunk.faults.count) of \(scenario.faults.count) faults:")
                for fault in shrunk.faults.faults { print("    \(fault.name): \(fault.kind) \(fault.start)…\(fault.end)") }
                print("  repro: \(repro)")
            }
            if let maxFailures, safetyFailures + livenessFailures >= maxFailures { break }
        }
        if progress { FileHandleLite.writeToStandardError("\n") }
        let wall = FileHandleLite.monotonicSeconds() - started
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

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
            safety (machine invariants, no playback after a barge-in, no silent loss of mic audio) and
            liveness (the conversation recovers once faults heal). A failing seed is shrunk to the fewest
            faults that still fail and printed with a one-line repro.
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

    @Option(help: "Run only shard i of N, written i/N.")
    var shard: String?

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

    var seedList: [UInt64] {
        if let seed, let value = parseSeed(seed) { return [value] }
        let first = parseSeed(firstSeed) ?? 1
        let (index, count) = shard.flatMap(FuzzCommand.parseShard) ?? (0, 1)
        return (0..<seeds).filter { $0 % count == index }.map { first &+ UInt64($0) }
    }

    func run() throws {
        let started = FileHandleLite.monotonicSeconds()
        var reports: [JSONValue] = []
        var safetyFailures = 0
        var livenessFailures = 0
        let list = seedList
        let incident = try around.map(ScenarioOptions.loadScenario)
        let progress = ProgressBar("fuzz")
        defer { progress.finish() }
        for (position, seed) in list.enumerated() {
            progress.update(Int64(position), of: Int64(list.count))
            let scenario = incident.map { AroundIncident.variant($0, number: seed) } ?? SwarmScenario.make(seed: seed)
            let (result, failures) = Fuzzer.check(scenario)
            if !json && (position + 1) % 50 == 0 { printError("fuzz: \(position + 1)/\(list.count) seeds") }
            guard let first = failures.first else { continue }
            if failures.contains(where: \.isSafety) { safetyFailures += 1 } else { livenessFailures += 1 }
            let shrunk = noShrink ? scenario : Fuzzer.shrink(scenario, failure: first)
            let repro = "voicesim fuzz " + (around.map { "--around \($0) " } ?? "") + "--seed 0x\(hex16(seed))"
            if let folder = saveFailures { try save(shrunk, folder: folder) }
            reports.append(.object([
                ("seed", .string("0x" + hex16(seed))), ("failures", .array(failures.map { .string($0.description) })),
                ("digest", .string(result.digestHex)), ("faults", .int(Int64(scenario.faults.count))),
                ("shrunkFaults", .array(shrunk.faults.faults.map { .string("\($0.name): \($0.kind) \($0.start)…\($0.end)") })),
                ("repro", .string(repro)),
            ]))
            if !json {
                print("FAIL seed 0x\(hex16(seed)) (\(scenario.description))")
                for failure in failures.prefix(5) { print("  \(failure)") }
                print("  shrunk to \(shrunk.faults.count) of \(scenario.faults.count) faults:")
                for fault in shrunk.faults.faults { print("    \(fault.name): \(fault.kind) \(fault.start)…\(fault.end)") }
                print("  repro: \(repro)")
            }
        }
        let wall = FileHandleLite.monotonicSeconds() - started
        let passed = list.count - safetyFailures - livenessFailures
        if json {
            print(JSONValue.object([
                ("seeds", .int(Int64(list.count))), ("passed", .int(Int64(passed))),
                ("safetyFailures", .int(Int64(safetyFailures))), ("livenessFailures", .int(Int64(livenessFailures))),
                ("wallSeconds", .number(wall, decimals: 2)), ("failures", .array(reports)),
            ]).rendered())
        } else {
            print("fuzz: \(passed) passed, \(safetyFailures + livenessFailures) failed "
                + "(\(safetyFailures) safety, \(livenessFailures) liveness) of \(list.count) seeds in \(formatFixed(wall, decimals: 1)) s")
        }
        if safetyFailures > 0 { throw VoiceSimExit.failure }
        if livenessFailures > 0 { throw VoiceSimExit.livenessOnly }
    }

    private func save(_ scenario: Scenario, folder: String) throws {
        mkdir(folder, 0o755)
        try FileHandleLite.writeFile(scenario.yaml, to: folder + "/" + scenario.name + ".yaml")
    }
}

import ArgumentParser
import CLISupport
import VoiceCore
import VoiceSim

/// `voicesim fuzz merge`: the shards of a fleet campaign into one results file.
///
/// Not an ArgumentParser subcommand of `fuzz`: `fuzz` runs by itself and has its own `--out`,
/// which would take this command's `--out`. `VoiceSimCommand.main` hands `fuzz merge …` here.
struct FuzzMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        _superCommandName: "voicesim fuzz",
        abstract: "Combine the results files of a sharded fuzz campaign (fuzz --shard i/N --out FILE) into one.",
        discussion: """
            Every shard 0..N-1 of one campaign must be given exactly once: inputs from different campaigns or
            builds, a shard given twice, or a shard missing are refused with exit 2, and nothing is written.
            Otherwise exit 0 when every seed passed, 1 on a safety failure, 3 on liveness failures only, as fuzz.
            """
    )

    @Argument(help: "The shards' results files.")
    var shards: [String]

    @Option(help: "The merged results file to write (mode 0600).")
    var out: String

    @Flag(help: "Print one JSON object.")
    var json = false

    /// Whether `arguments` (without the program name) ask for `fuzz merge`.
    static func isMerge(_ arguments: [String]) -> Bool {
        arguments.count >= 2 && arguments[0] == "fuzz" && arguments[1] == "merge"
    }

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("give at least one shard results file.") }
        if shards.contains(out) { throw ValidationError("--out \(out) is also an input; write the merge elsewhere.") }
    }

    func run() throws {
        let merged: FuzzResults
        do {
            var inputs: [(path: String, results: FuzzResults)] = []
            for path in shards { inputs.append((path, try FuzzResultsFile.read(path))) }
            merged = try FuzzResults.merged(inputs)
            try FuzzResultsFile.write(merged, to: out)
        } catch {
            printError("error: fuzz merge: \(error)")
            throw VoiceSimExit.badInput
        }
        let seeds = merged.seeds.count
        let failed = merged.safetyFailures + merged.livenessFailures
        let busiest = merged.shards.map(\.wallSeconds).max() ?? 0
        let total = merged.shards.map(\.wallSeconds).reduce(0, +)
        let incomplete = merged.shards.filter { !$0.isComplete }.map(\.shard.description)
        if json {
            print(JSONValue.object([
                ("shards", .int(Int64(merged.shards.count))), ("seeds", .int(Int64(seeds))),
                ("passed", .int(Int64(merged.passed))), ("safetyFailures", .int(Int64(merged.safetyFailures))),
                ("livenessFailures", .int(Int64(merged.livenessFailures))),
                ("shardSecondsTotal", .number(total, decimals: 2)), ("shardSecondsMax", .number(busiest, decimals: 2)),
                ("seedsPerShardSecond", .number(Double(seeds) / max(total, 0.000_001), decimals: 1)),
                ("incompleteShards", .array(incomplete.map { .string($0) })),
                ("failures", .array(merged.seeds.compactMap { record in
                    record.failure.map { .object([
                        ("seed", .string("0x" + hex16(record.seed))), ("kind", .string($0.kindName)),
                        ("repro", .string($0.repro)),
                    ]) }
                })),
            ]).rendered())
        } else {
            print("fuzz merge: \(merged.shards.count) shards, \(seeds) seeds: \(merged.passed) passed, \(failed) failed "
                + "(\(merged.safetyFailures) safety, \(merged.livenessFailures) liveness); "
                + "\(formatFixed(Double(seeds) / max(total, 0.000_001), decimals: 1)) seeds per shard-second, "
                + "slowest shard \(formatFixed(busiest, decimals: 1)) s → \(out)")
            for record in merged.seeds {
                guard let failure = record.failure else { continue }
                print("FAIL seed 0x\(hex16(record.seed)) \(failure.kindName): \(failure.repro)")
            }
            if !incomplete.isEmpty {
                print("note: shards \(incomplete.joined(separator: ", ")) stopped early (--max-failures)")
            }
        }
        if merged.safetyFailures > 0 { throw VoiceSimExit.failure }
        if merged.livenessFailures > 0 { throw VoiceSimExit.livenessOnly }
    }
}

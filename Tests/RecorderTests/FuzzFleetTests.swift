import Foundation
import Recorder
import TestSupport
import Testing
@testable import VoiceSim

/// Runs `voicesim` with `arguments` in `directory`; returns its exit status, standard output
/// and standard error.
private func runCapturing(_ binary: URL, _ arguments: [String], in directory: URL? = nil) throws
    -> (status: Int32, output: String, error: String)
{
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Standard error carries a line or two (no progress bar without a terminal), well under
    // a pipe's buffer, so reading it after the exit cannot block the child.
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    return (process.terminationStatus, String(decoding: outputData, as: UTF8.self),
            String(decoding: errorData, as: UTF8.self))
}

/// The package's root folder.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A planted bug every seed trips quickly and whose failure shrinks to an empty schedule in one
/// run, so a sharded campaign with failures stays fast in a debug build.
private let cheapCampaign = ["--seeds", "4", "--planted", "historyKeepsUnplayedText"]

@Suite("Fuzz fleets: --jobs, --shard/--out results files, fuzz merge, the Kubernetes Job")
struct FuzzFleetTests {
    @Test(
        "three shards run as processes and merged equal one unsharded run, failures and shrunk repros included",
        .enabled(if: voicesimBinary() != nil, "voicesim is not built next to the tests (swift build --build-tests)"))
    func shardsMergeToTheUnshardedRun() throws {
        let binary = try #require(voicesimBinary())
        let directory = TemporaryDirectory()
        let whole = try runCapturing(binary, ["fuzz"] + cheapCampaign + ["--jobs", "1", "--out", directory.path("whole.sqlite")])
        #expect(whole.status == 1, "the planted bug is a safety failure: \(whole.error)")
        var shardPaths: [String] = []
        for index in 0..<3 {
            let path = directory.path("shard-\(index).sqlite")
            let shard = try runCapturing(binary, ["fuzz"] + cheapCampaign + ["--shard", "\(index)/3", "--jobs", "2", "--out", path])
            #expect(shard.status == 1, "shard \(index): \(shard.error)")
            shardPaths.append(path)
        }
        let merge = try runCapturing(binary, ["fuzz", "merge"] + shardPaths.reversed() + ["--out", directory.path("all.sqlite")])
        #expect(merge.status == 1 && merge.output.hasPrefix("fuzz merge: 3 shards, 4 seeds: 0 passed, 4 failed"),
                "\(merge.output)\(merge.error)")

        let unsharded = try FuzzResultsFile.read(directory.path("whole.sqlite"))
        let merged = try FuzzResultsFile.read(directory.path("all.sqlite"))
        #expect(merged.campaign == unsharded.campaign)
        #expect(merged.seeds == unsharded.seeds)
        #expect(unsharded.seeds.map(\.index) == [0, 1, 2, 3] && unsharded.seeds.allSatisfy { $0.failure != nil })
        #expect(unsharded.seeds.allSatisfy { $0.failure?.repro.contains("--keep-faults \"\"") == true })
        #expect(merged.shards.map(\.shard) == (0..<3).map { FuzzShard(index: $0, count: 3) })
        #expect(merged.shards.map(\.seedsRun) == [2, 1, 1] && merged.shards.allSatisfy(\.isComplete))
        for path in shardPaths + [directory.path("all.sqlite")] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(path) has mode \(String(mode, radix: 8))")
        }
        // A shrunk repro stored in the merged file reproduces the same failure on its own.
        let first = try #require(merged.seeds.first?.failure)
        let repro = first.repro.split(separator: " ").dropFirst().map { String($0).replacingOccurrences(of: "\"", with: "") }
        let rerun = try runCapturing(binary, repro + ["--json"])
        #expect(rerun.status == 1 && rerun.output.contains("\"kind\": \"\(first.kindName)\""), "\(rerun.output)")
    }

    @Test(
        "fuzz merge refuses a missing shard, a shard given twice and a shard of another campaign, with exit 2",
        .enabled(if: voicesimBinary() != nil, "voicesim is not built next to the tests (swift build --build-tests)"))
    func mergeRefusesBadShardSets() throws {
        let binary = try #require(voicesimBinary())
        let directory = TemporaryDirectory()
        for (name, arguments) in [("a0", ["--shard", "0/2"]), ("a1", ["--shard", "1/2"]),
                                  ("b1", ["--shard", "1/2", "--first-seed", "9"])] {
            let run = try runCapturing(binary, ["fuzz", "--seeds", "2", "--out", directory.path("\(name).sqlite")] + arguments)
            #expect(run.status == 0, "\(name): \(run.error)")
        }
        let out = directory.path("merged.sqlite")
        let missing = try runCapturing(binary, ["fuzz", "merge", directory.path("a0.sqlite"), "--out", out])
        #expect(missing.status == 2 && missing.error.contains("missing shards: 1/2 (1 of 2 not given)"), "\(missing.error)")
        let twice = try runCapturing(binary, ["fuzz", "merge", directory.path("a0.sqlite"), directory.path("a0.sqlite"),
                                              directory.path("a1.sqlite"), "--out", out])
        #expect(twice.status == 2 && twice.error.contains("overlapping shards: shard 0/2 is in both"), "\(twice.error)")
        let other = try runCapturing(binary, ["fuzz", "merge", directory.path("a0.sqlite"), directory.path("b1.sqlite"),
                                              "--out", out])
        #expect(other.status == 2 && other.error.contains("b1.sqlite is from a different campaign")
                    && other.error.contains("firstSeed is 0x0000000000000009"), "\(other.error)")
        let notResults = try runCapturing(binary, ["fuzz", "merge", packageRoot.appendingPathComponent("Package.swift").path,
                                                   "--out", out])
        #expect(notResults.status == 2 && notResults.error.contains("Package.swift"), "\(notResults.error)")
        #expect(!FileManager.default.fileExists(atPath: out), "a refused merge wrote its output")
        let good = try runCapturing(binary, ["fuzz", "merge", directory.path("a1.sqlite"), directory.path("a0.sqlite"),
                                             "--out", out])
        #expect(good.status == 0, "\(good.error)")
        let indices = try FuzzResultsFile.read(out).seeds.map(\.index)
        #expect(indices == [0, 1])
    }

    @Test(
        "fuzz JSON, failures and stored outcomes are the same with 1 and 3 jobs",
        .enabled(if: voicesimBinary() != nil, "voicesim is not built next to the tests (swift build --build-tests)"))
    func jobsDoNotChangeResults() throws {
        let binary = try #require(voicesimBinary())
        let directory = TemporaryDirectory()
        func run(jobs: Int) throws -> (status: Int32, json: String, results: FuzzResults) {
            let path = directory.path("jobs-\(jobs).sqlite")
            let run = try runCapturing(binary, ["fuzz"] + cheapCampaign + ["--jobs", "\(jobs)", "--json", "--out", path])
            let stable = run.output.split(separator: "\n").filter {
                !$0.contains("wallSeconds") && !$0.contains("seedsPerSecond")
            }
            return (run.status, stable.joined(separator: "\n"), try FuzzResultsFile.read(path))
        }
        let serial = try run(jobs: 1)
        let parallel = try run(jobs: 3)
        #expect(serial.status == 1 && parallel.status == 1)
        #expect(serial.json == parallel.json)
        #expect(serial.json.contains("\"kind\": \"historyNotHeard\""), "the campaign found nothing to compare")
        #expect(serial.results.seeds == parallel.results.seeds && serial.results.seeds.count == 4)
        #expect(serial.results.shards.map(\.jobs) == [1] && parallel.results.shards.map(\.jobs) == [3])
    }

    @Test(
        "the Kubernetes Indexed Job parses, shards by completions, and its args are a fuzz command line voicesim accepts",
        .enabled(if: voicesimBinary() != nil, "voicesim is not built next to the tests (swift build --build-tests)"))
    func kubernetesJobMatchesTheCLI() throws {
        let binary = try #require(voicesimBinary())
        let text = try String(
            contentsOf: packageRoot.appendingPathComponent("deploy/kubernetes/fuzz-job.yaml"), encoding: .utf8)
        let job = try ScenarioNode.parseYAML(text)
        #expect(job["kind"]?.text == "Job" && job["apiVersion"]?.text == "batch/v1")
        let spec = try #require(job["spec"])
        #expect(spec["completionMode"]?.text == "Indexed")
        let completions = try #require(spec["completions"]?.integer)
        let container = try #require(spec["template"]?["spec"]?["containers"]?.items?.first)
        let argNodes = try #require(container["args"]?.items)
        let args = argNodes.compactMap { $0.text }
        #expect(args.count == argNodes.count, "every arg is a string")
        #expect(args.first == "fuzz")
        #expect(args.contains("$(JOB_COMPLETION_INDEX)/\(completions)"), "--shard must be JOB_COMPLETION_INDEX/completions")
        let outIndex = try #require(args.firstIndex(of: "--out"))
        let out = args[outIndex + 1]
        #expect(out == "/results/shard-$(JOB_COMPLETION_INDEX).sqlite")
        let mounts = container["volumeMounts"]?.items?.compactMap { $0["mountPath"]?.text } ?? []
        #expect(mounts.contains("/results"))

        let help = try runCapturing(binary, ["fuzz", "--help"]).output
        for flag in args where flag.hasPrefix("--") {
            #expect(help.contains("  \(flag) "), "\(flag) is not an option of voicesim fuzz")
        }
        // Pod 0's command line, with a two-seed campaign and a local results folder, runs.
        let directory = TemporaryDirectory()
        var pod = args.map {
            $0.replacingOccurrences(of: "$(JOB_COMPLETION_INDEX)", with: "0")
                .replacingOccurrences(of: "/results", with: directory.url.path)
        }
        let seedsIndex = try #require(pod.firstIndex(of: "--seeds"))
        pod[seedsIndex + 1] = "2"
        let run = try runCapturing(binary, pod)
        #expect(run.status == 0, "\(run.error)")
        let results = try FuzzResultsFile.read(directory.path("shard-0.sqlite"))
        #expect(results.shards.map(\.shard) == [FuzzShard(index: 0, count: completions)])
    }
}

extension ScenarioNode {
    fileprivate subscript(key: String) -> ScenarioNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    fileprivate var text: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    fileprivate var integer: Int? {
        if case .integer(let number) = value { return Int(number) }
        return nil
    }

    fileprivate var items: [ScenarioNode]? {
        if case .array(let items) = value { return items }
        return nil
    }
}

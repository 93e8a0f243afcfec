import Foundation
import Testing
import VoiceCore
import VoiceSim

/// Runs the built-in `name` in this process.
private func runInProcess(_ name: String, seed: UInt64? = nil) throws -> SimulationResult {
    var simulation = Simulation(scenario: try #require(BuiltinScenarios.named(name)), seed: seed)
    return simulation.run()
}

/// A report with its one measured (wall-clock) line removed: everything left must match.
private func withoutWallSeconds(_ rendered: String) -> String {
    rendered.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("\"wallSeconds\":") }
        .joined(separator: "\n")
}

/// Where a built `voicesim` may be, best first: beside the running test executable (the
/// scratch directory the tests were built into, `--scratch-path` or not), then the
/// package's default `.build/debug`.
private func voicesimCandidates() -> [URL] {
    var directories: [URL] = []
    if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        directories.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
    }
    if let first = CommandLine.arguments.first {
        let runner = URL(fileURLWithPath: first, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        directories.append(runner.resolvingSymlinksInPath().deletingLastPathComponent())
        directories.append(runner.deletingLastPathComponent())
    }
    // Tests/SimulationTests/DeterminismTests.swift → the package root.
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    directories.append(packageRoot.appendingPathComponent(".build/debug"))
    return directories.map { $0.appendingPathComponent("voicesim").standardizedFileURL }
}

/// Runs `voicesim arguments…`; returns its exit status, standard output and standard error.
private func runVoicesim(_ binary: URL, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Read before waiting, so a full pipe cannot block the child.
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
}

@Suite("Determinism: a scenario and a seed fix the run")
struct DeterminismTests {
    @Test("The same scenario and seed give the same digest and the same JSON report, twice in one process",
          arguments: ["v2-barge-in", "v2-flaky-network", "v1-nominal"])
    func sameSeedSameRun(name: String) throws {
        var first = try runInProcess(name)
        var second = try runInProcess(name)
        #expect(first.digest == second.digest, "\(first.digestHex) vs \(second.digestHex)")
        #expect(first.digest != 0)
        // Only the wall-clock time may differ.
        first.wallSeconds = 0.25
        second.wallSeconds = 1.5
        let firstJSON = first.json.rendered()
        #expect(firstJSON != second.json.rendered(), "wallSeconds is in the report")
        #expect(withoutWallSeconds(firstJSON) == withoutWallSeconds(second.json.rendered()))
        #expect(first.turns == second.turns)
        #expect(first.usages == second.usages)
        #expect(first.clientMetrics == second.clientMetrics)
    }

    @Test("A different seed gives a different run and a different digest",
          arguments: ["v2-nominal", "v2-flaky-network"])
    func otherSeedOtherDigest(name: String) throws {
        let scenarioSeed = try #require(BuiltinScenarios.named(name)).seed
        let base = try runInProcess(name)
        #expect(base.seed == scenarioSeed)
        let explicit = try runInProcess(name, seed: scenarioSeed)
        #expect(explicit.digest == base.digest, "passing the scenario's own seed changes nothing")
        let other = try runInProcess(name, seed: scenarioSeed &+ 1)
        #expect(other.seed == scenarioSeed &+ 1)
        #expect(other.digest != base.digest, "seed \(scenarioSeed &+ 1) gave the digest of \(scenarioSeed)")
    }

    @Test("voicesim run --json in another process gives the in-process digest and report",
          .timeLimit(.minutes(1)),
          arguments: [("v2-barge-in", nil), ("v2-flaky-network", nil), ("v2-flaky-network", 7)] as [(String, UInt64?)])
    func acrossProcesses(name: String, seed: UInt64?) throws {
        let candidates = voicesimCandidates()
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            Issue.record("""
                no voicesim binary to compare against; build it (swift build, or swift build --build-tests \
                with the same --scratch-path). Looked in: \(candidates.map(\.path))
                """)
            return
        }
        var arguments = ["run", name, "--json"]
        if let seed { arguments += ["--seed", String(seed)] }
        let child = try runVoicesim(binary, arguments)
        let inProcess = try runInProcess(name, seed: seed)
        // `run` exits 1 when the run broke an invariant or oracle; the built-ins break none.
        #expect(child.status == 0, "\(binary.path) \(arguments.joined(separator: " ")): \(child.errors)")
        #expect(inProcess.invariantViolations == [])
        let reportedDigest = try #require(
            child.output.split(separator: "\n").first { $0.contains("\"digest\":") },
            "no digest in the output of \(binary.path): \(child.output.prefix(400))")
        #expect(reportedDigest.contains("\"\(inProcess.digestHex)\""),
                "\(binary.path) reported \(reportedDigest), in-process digest \(inProcess.digestHex); a stale binary?")
        #expect(withoutWallSeconds(child.output.trimmingCharacters(in: .newlines))
                    == withoutWallSeconds(inProcess.json.rendered()))
    }
}

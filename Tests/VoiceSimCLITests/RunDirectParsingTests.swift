import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import VoiceSimCLI

@Suite("run read without the argument parser agrees with it, and leaves everything else to it")
struct RunDirectParsingTests {
    /// The plain forms the direct reading takes.
    static let plain: [[String]] = [
        ["run", "v2-nominal"], ["run", "v2-nominal", "--json"], ["run", "--json", "v2-nominal"],
        ["run", "x.yaml", "--log", "--json", "--seed", "0x1F"], ["run", "a", "--seed", "18446744073709551615"],
        ["run", "a", "--record", "t.sqlite", "--audio", "hash", "--max-mb", "3"], ["run", "a", "--timeline", "t.json"],
        ["run", "a", "--audio", "full", "--record", "r"], ["run", "help"], ["run", "a=b"], ["run", "a", "--max-mb", "+2", "--record", "r"],
    ]

    /// Forms it leaves to the parser: help and completion requests, errors, and spellings it
    /// does not read (some of them valid).
    static let others: [[String]] = [
        [], ["help", "run"], ["fuzz", "a"], ["run"], ["run", "a", "b"], ["run", ""], ["run", "-h"], ["run", "a", "--help"],
        ["run", "a", "-help"], ["run", "a", "--version"], ["run", "a", "--experimental-dump-help"],
        ["run", "a", "--generate-completion-script", "bash"], ["run", "a", "--generate-completion-script"],
        ["run", "---completion", "--", "--audio", "0", "0"], ["run", "a", "--bogus"], ["run", "a", "--seed"],
        ["run", "a", "--seed", "-1"], ["run", "a", "--seed", "x"], ["run", "a", "--seed=1"], ["run", "--", "-dash.yaml"],
        ["run", "a", "--json", "--json"], ["run", "a", "--record", "r", "--record", "s"], ["run", "a", "--max-mb", "1"],
        ["run", "a", "--record", "r", "--max-mb", "0"], ["run", "a", "--record", "r", "--max-mb", "x"],
        ["run", "a", "--audio", "half"], ["run", "a", "--audio", "-"], ["run", "-"],
    ]

    static func described(_ run: RunCommand) -> String {
        "\(run.options.scenario) seed \(String(describing: run.options.seed)) json \(run.json) log \(run.log) "
            + "timeline \(String(describing: run.timeline)) record \(String(describing: run.record)) audio \(run.audio) "
            + "maxMb \(String(describing: run.maxMb))"
    }

    static func parsedByArgumentParser(_ arguments: [String]) -> RunCommand? {
        (try? VoiceSimCommand.parseAsRoot(arguments)) as? RunCommand
    }

    @Test("Every plain form reads as the argument parser reads it, defaults included")
    func plainForms() throws {
        for arguments in Self.plain {
            let direct = try #require(RunCommand.parsedDirectly(arguments), "\(arguments)")
            let parsed = try #require(Self.parsedByArgumentParser(arguments), "\(arguments)")
            #expect(Self.described(direct) == Self.described(parsed), "\(arguments)")
        }
    }

    @Test("Help, completion requests, errors and other spellings are left to the argument parser")
    func otherForms() {
        for arguments in Self.others {
            #expect(RunCommand.parsedDirectly(arguments) == nil, "\(arguments)")
        }
        // Some of those are valid runs, which the full parse still reads.
        #expect(Self.parsedByArgumentParser(["run", "--", "-dash.yaml"])?.options.scenario == "-dash.yaml")
        #expect(Self.parsedByArgumentParser(["run", "a", "--seed=1"])?.options.seed == "1")
    }
}

/// What a `voicesim` process printed and how it ended.
private struct Outcome {
    var status: Int32
    var output: String
    var errors: String
}

private func voicesim(_ arguments: [String]) throws -> Outcome {
    let binary = try #require(voicesimBinary())
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("run-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let outputPath = directory.appendingPathComponent("stdout.txt").path
    let errorsPath = directory.appendingPathComponent("stderr.txt").path
    for path in [outputPath, errorsPath] { try #require(FileManager.default.createFile(atPath: path, contents: nil)) }
    let output = try #require(FileHandle(forWritingAtPath: outputPath))
    let errors = try #require(FileHandle(forWritingAtPath: errorsPath))
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    try output.close()
    try errors.close()
    return Outcome(
        status: process.terminationStatus, output: try String(contentsOfFile: outputPath, encoding: .utf8),
        errors: try String(contentsOfFile: errorsPath, encoding: .utf8))
}

@Suite(
    "voicesim run: usage, help and errors name voicesim run on either path",
    .enabled(if: voicesimBinary() != nil, "voicesim is not built next to the tests (swift build --build-tests)"))
struct RunCommandLineTests {
    @Test("A plain run prints its report; a bad scenario name exits 2 with the scenario error")
    func directPath() throws {
        let run = try voicesim(["run", "v2-nominal", "--json"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("{\n  \"scenario\": \"v2-nominal\",\n"))
        let missing = try voicesim(["run", "no-such-scenario", "--json"])
        #expect(missing.status == 2 && missing.output.isEmpty)
        #expect(missing.errors.hasPrefix("error: no-such-scenario: no such file, and no built-in scenario of that name"))
    }

    @Test("Help, usage errors and failed checks come from the argument parser, under voicesim run")
    func parserPath() throws {
        let help = try voicesim(["run", "--help"])
        #expect(help.status == 0 && help.output.hasPrefix("OVERVIEW: Simulate a scenario"))
        #expect(help.output.contains("USAGE: voicesim run <scenario> [--seed <seed>] [--json]"))
        let missing = try voicesim(["run"])
        #expect(missing.status == 64)
        #expect(missing.errors.contains("Error: Missing expected argument '<scenario>'"))
        #expect(missing.errors.contains("Usage: voicesim run <scenario>"))
        #expect(missing.errors.contains("See 'voicesim run --help' for more information."))
        let unknown = try voicesim(["run", "v2-nominal", "--bogus"])
        #expect(unknown.status == 64 && unknown.errors.hasPrefix("Error: Unknown option '--bogus'. Did you mean '--log'?"))
        let check = try voicesim(["run", "v2-nominal", "--max-mb", "1"])
        #expect(check.status == 64 && check.errors.hasPrefix("Error: --max-mb needs --record.\nUsage: voicesim run"))
    }
}

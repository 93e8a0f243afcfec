import Foundation
import Recorder
import TestSupport
import VoiceCore
import VoiceSim

/// Traces of built-in scenarios, recorded once per test process and shared (read-only).
final class RecordedTraces: Sendable {
    let directory: String
    /// v2-barge-in, full audio.
    let bargeIn: String
    /// v2-barge-in with another seed, hash-only audio.
    let otherSeed: String

    static let shared = RecordedTraces()

    private init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("DebuggerTests-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        bargeIn = directory + "/barge-in.sqlite"
        otherSeed = directory + "/other-seed.sqlite"
        let scenario = BuiltinScenarios.named("v2-barge-in")!
        _ = try! Simulation.runRecording(scenario: scenario, path: bargeIn, audio: .full)
        _ = try! Simulation.runRecording(scenario: scenario, seed: scenario.seed + 1, path: otherSeed, audio: .hash)
    }

    func path(_ name: String) -> String { directory + "/" + name }
}

/// Runs `voicesim` with `arguments` and `input` on standard input; exit status, stdout, stderr.
func runVoicesim(_ arguments: [String], input: String = "") throws -> (status: Int32, output: String, error: String) {
    try run(voicesimBinary()!, arguments, input: input)
}

func run(_ binary: URL, _ arguments: [String], input: String = "") throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    // Read both pipes to the end before waiting, so a full pipe never blocks the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errorText = Data()
    group.enter()
    DispatchQueue.global().async {
        errorText = stderr.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errorText, as: UTF8.self))
}

let binaryMissing = "voicesim is not built next to the tests (swift build --build-tests)"

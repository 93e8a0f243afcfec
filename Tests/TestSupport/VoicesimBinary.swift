import Foundation

/// The `voicesim` binary built next to this test bundle (`swift build --build-tests` and
/// `swift test` build it too), or the package's `.build/debug/voicesim`; nil when neither exists.
package func voicesimBinary() -> URL? {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("voicesim")
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let fallback = packageRoot.appendingPathComponent(".build/debug/voicesim")
    return [beside, fallback].first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

/// Runs `voicesim` with `arguments`; its exit status and standard output.
package func runVoicesim(_ binary: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

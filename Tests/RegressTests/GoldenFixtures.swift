import Foundation
import VoiceSim

/// The repository's golden set, and copies of it a test may change.
enum GoldenFixtures {
    static var root: String {
        let file = "\(#filePath)"
        return file.firstRange(of: "/Tests/").map { String(file[..<$0.lowerBound]) } ?? "."
    }

    static var goldenDirectory: String { root + "/traces/golden" }

    /// A fresh copy of the golden set (SQLite's `-wal`/`-shm` companions left out) in a
    /// temporary directory.
    static func copy() throws -> String {
        let target = NSTemporaryDirectory() + "regress-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: goldenDirectory)
        where !name.hasSuffix("-wal") && !name.hasSuffix("-shm") {
            try FileManager.default.copyItem(atPath: goldenDirectory + "/" + name, toPath: target + "/" + name)
        }
        return target
    }

    /// The bytes of every golden's trace and expectations file, by file name.
    static func snapshot(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory)
        where name.hasSuffix(".sqlite") || name.hasSuffix(".expect.yaml") {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        return files
    }

    /// The scenario each simulated golden of the repository's set was recorded from, by golden
    /// name (live goldens have none).
    static func scenarios() throws -> [String: Scenario] {
        var scenarios: [String: Scenario] = [:]
        for golden in try GoldenCase.discover([goldenDirectory]) {
            guard let path = golden.scenarioPath else { continue }
            scenarios[golden.name] = try Scenario.load(file: path)
        }
        return scenarios
    }
}

/// Runs `voicesim` with `arguments` in the repository root; its exit status and standard output.
func runVoicesim(_ binary: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: GoldenFixtures.root)
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

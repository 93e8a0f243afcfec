import Foundation
import Recorder

/// `voicesim record-synthetic` recording `scenario` into `path` slowly (a commit every few
/// events, a pause per event), started and waited on until at least `committed` events of
/// session 1 are committed, so a test can harm it mid-run (kill it, delete its log).
struct SlowRecorder {
    let process: Process
    /// Events committed when the wait ended.
    let committed: Int64

    init(binary: URL, path: String, scenario: String, audio: String, committed wanted: Int64) throws {
        process = Process()
        process.executableURL = binary
        process.arguments = [
            "record-synthetic", path, "--scenario", scenario, "--audio", audio, "--chunk-bytes", "3000",
            "--delay-micros", "1000",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var committed: Int64 = 0
        let deadline = Date().addingTimeInterval(20)
        while committed < wanted && Date() < deadline && process.isRunning {
            Thread.sleep(forTimeInterval: 0.02)
            committed = (try? TraceReader(path: path).session(id: 1).eventCount) ?? 0
        }
        self.committed = committed
    }
}

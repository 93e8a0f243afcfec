import Foundation
import Recorder
import TestSupport
import Testing
import VoiceCore
import VoiceLive
import VoiceSim

@Suite("a live server killed mid-call")
struct KilledServerTests {
    @Test(
        "a server killed with SIGKILL mid-call leaves a sound trace whose committed prefix replays identically",
        .enabled(if: voicesimBinary() != nil, "voicesim is not built next to the tests (swift build --build-tests)"))
    func killedServer() async throws {
        let binary = try #require(voicesimBinary())
        let directory = TemporaryDirectory()
        let path = directory.path("killed.sqlite")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0", "--record", path, "--providers", "local"]
        process.environment = ProcessInfo.processInfo.environment.merging(["VOICESIM_TOKEN": TestServer.token]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let handle = output.fileHandleForReading
        let port = try #require(try await offThePool { Self.announcedPort(handle) })

        let script = UserScript(utterances: [
            .init("hello there, how are you today", start: .at(.millis(300))),
            .init("tell me something nice please", start: .afterReply(pauseMicros: 500_000)),
        ])
        let call = Task {
            await LiveCall.run(CallOptions(
                url: "ws://127.0.0.1:\(port)/api/voice-v2", token: TestServer.token, mic: .script(script, seed: 3),
                seed: 9, maxMicros: 30_000_000))
        }
        // Kill it once a few chunks are committed, mid-call. The generous deadline only matters
        // on a loaded machine, where the server's start and the call's handshake are slow.
        var committed: Int64 = 0
        let deadline = Date().addingTimeInterval(25)
        while committed < 50 && Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            committed = (try? TraceReader(path: path).sessions().first?.eventCount) ?? 0
        }
        kill(process.processIdentifier, SIGKILL)
        try await offThePool { process.waitUntilExit() }
        #expect(process.terminationReason == .uncaughtSignal)
        _ = await call.value

        let database = try SQLiteDatabase(path: path, flags: .readWrite)
        let check = try database.prepare("PRAGMA integrity_check")
        #expect(try check.step() == .row && check.string(at: 0) == "ok")
        let reader = try TraceReader(path: path)
        let session = try #require(try reader.sessions().first)
        #expect(!session.isFinished && session.eventCount >= committed && session.eventCount >= 50)
        let replay = try Replayer().replay(reader, session: session.id)
        #expect(replay.isIdentical && !replay.recordingFinished && replay.eventsReplayed == session.eventCount)
    }

    /// The port from `voicesim serve: ws://127.0.0.1:PORT/api/voice-v2`.
    static func announcedPort(_ handle: FileHandle) -> Int? {
        var text = ""
        while true {
            let data = handle.availableData
            if data.isEmpty { return nil }
            text += String(decoding: data, as: UTF8.self)
            if let range = text.range(of: "ws://127.0.0.1:"), let end = text[range.upperBound...].firstIndex(of: "/") {
                return Int(text[range.upperBound..<end])
            }
        }
    }
}

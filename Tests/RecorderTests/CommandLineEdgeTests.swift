import Foundation
import Recorder
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a `voicesim` process printed and how it ended.
private struct VoicesimRun {
    var status: Int32
    var output: String
    var errors: String
    var outputBytes: [UInt8]
}

/// Runs `voicesim` in `directory` with `arguments`; standard error goes through a file, so a
/// long log cannot fill a pipe nobody reads.
private func voicesim(_ arguments: [String], in directory: TemporaryDirectory) throws -> VoicesimRun {
    let binary = try #require(voicesimBinary())
    let errorsPath = directory.path("stderr-\(UUID().uuidString).txt")
    try #require(FileManager.default.createFile(atPath: errorsPath, contents: nil))
    let errorsFile = try #require(FileHandle(forWritingAtPath: errorsPath))
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory.url
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = errorsFile
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errorsFile.close()
    let errors = try String(contentsOfFile: errorsPath, encoding: .utf8)
    return VoicesimRun(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self), errors: errors,
                   outputBytes: [UInt8](data))
}

/// Runs `voicesim` with arguments given as raw bytes (Foundation's `Process` only takes
/// strings, which cannot hold a file name that is not UTF-8); its exit status.
private func voicesim(bytes arguments: [[UInt8]]) throws -> Int32 {
    let binary = try #require(voicesimBinary())
    let argv: [UnsafeMutablePointer<CChar>?] = ([Array(binary.path.utf8)] + arguments).map { bytes in
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (index, byte) in bytes.enumerated() { pointer[index] = CChar(bitPattern: byte) }
        pointer[bytes.count] = 0
        return pointer
    } + [nil]
    defer { for pointer in argv { pointer?.deallocate() } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var pid = pid_t()
    try #require(posix_spawn(&pid, binary.path, &actions, nil, argv, environ) == 0)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 { try #require(errno == EINTR) }
    return (status >> 8) & 0xFF
}

private let binaryBuilt = voicesimBinary() != nil

@Suite(
    "Command-line edges: flag-like file names, non-UTF-8 paths, --json, printed file text, --max-mb",
    .enabled(if: binaryBuilt, "voicesim is not built next to the tests (swift build --build-tests)"))
struct CommandLineEdgeTests {
    @Test("a trace named like a flag (-h.sqlite) is refused with 64, never help and 0; after -- it is the file")
    func flagLikeTrace() throws {
        let directory = TemporaryDirectory()
        #expect(try voicesim(["run", "v2-nominal", "--record", "./-h.sqlite", "--audio", "hash"], in: directory).status == 0)
        let refused = try voicesim(["replay", "-h.sqlite"], in: directory)
        #expect(refused.status == 64)
        #expect(!refused.output.contains("USAGE") && refused.errors.contains("'-h.sqlite' names a file"))
        let replayed = try voicesim(["replay", "--", "-h.sqlite"], in: directory)
        #expect(replayed.status == 0 && replayed.output.contains("session 1: identical"), "\(replayed.output)")
        // A flag-like argument that names no file is left to the parser as before.
        #expect(try voicesim(["replay", "-h"], in: directory).status == 0)
    }

    @Test("a scenario file named like a flag (-dash.yaml) is refused with 64; after -- it runs")
    func flagLikeScenario() throws {
        let directory = TemporaryDirectory()
        let source = try voicesim(["scenarios", "v2-nominal"], in: directory)
        try source.output.write(toFile: directory.path("-dash.yaml"), atomically: true, encoding: .utf8)
        let refused = try voicesim(["run", "-dash.yaml"], in: directory)
        #expect(refused.status == 64 && !refused.output.contains("USAGE"))
        let ran = try voicesim(["run", "--", "-dash.yaml"], in: directory)
        #expect(ran.status == 0 && ran.output.contains("scenario v2-nominal"))
    }

    @Test("a trace path that is not UTF-8 is used byte for byte: the trace lands in the file named")
    func nonUTF8Path() throws {
        let directory = TemporaryDirectory()
        let named = Array(directory.path("trace-").utf8) + [0xFF, 0xC3] + Array(".sqlite".utf8)
        #expect(try voicesim(bytes: [Array("run".utf8), Array("v2-nominal".utf8), Array("--record".utf8), named,
                                     Array("--audio".utf8), Array("hash".utf8)]) == 0)
        let exists = (named + [0]).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { access($0.baseAddress!, F_OK) == 0 }
        }
        #expect(exists, "no file with the bytes given")
        #expect(!FileManager.default.fileExists(atPath: directory.path("trace-\u{FFFD}\u{FFFD}.sqlite")))
        #expect(try voicesim(bytes: [Array("replay".utf8), named]) == 0)
        #expect(try voicesim(bytes: [Array("inspect".utf8), named]) == 0)
    }

    @Test("--json stays one JSON document on standard output with --log (run, fuzz); the log goes to stderr")
    func jsonWithLog() throws {
        let directory = TemporaryDirectory()
        let run = try voicesim(["run", "v2-nominal", "--json", "--log"], in: directory)
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.outputBytes)) as? [String: Any]
        #expect(object?["scenario"] as? String == "v2-nominal")
        #expect(run.errors.contains("lane 0 client <- "))
        let fuzz = try voicesim(["fuzz", "--seed", "7", "--log", "--json"], in: directory)
        #expect(fuzz.status != 2 && fuzz.status != 64)
        #expect(try JSONSerialization.jsonObject(with: Data(fuzz.outputBytes)) is [String: Any], "\(fuzz.output.prefix(300))")
        #expect(fuzz.errors.contains("lane 0 "))
    }

    @Test("escapes and newlines in a scenario's name and texts are shown escaped by run, timeline and replay")
    func controlCharactersSanitized() throws {
        let directory = TemporaryDirectory()
        let source = try voicesim(["scenarios", "v2-nominal"], in: directory).output
        var lines = source.components(separatedBy: "\n")
        lines[0] = "name: \"evil\\e[31mred\\nforged\""
        let evil = lines.joined(separator: "\n").replacingOccurrences(of: "\"Hi there", with: "\"Hi \\e[2J there")
        try evil.write(toFile: directory.path("evil.yaml"), atomically: true, encoding: .utf8)
        let run = try voicesim(["run", "evil.yaml", "--record", "e.sqlite", "--audio", "hash"], in: directory)
        let timeline = try voicesim(["timeline", "e.sqlite"], in: directory)
        let log = try voicesim(["run", "evil.yaml", "--log"], in: directory)
        for (command, outcome) in [("run", run), ("timeline", timeline), ("run --log", log)] {
            #expect(outcome.status == 0, "\(command)")
            #expect(!outcome.outputBytes.contains(0x1B), "\(command) printed a raw ESC")
            #expect(!outcome.output.components(separatedBy: "\n").contains { $0.hasPrefix("forged") },
                    "\(command) printed the name's newline raw")
            #expect(outcome.output.contains("evil\\u{1B}[31mred\\nforged"), "\(command)")
        }
        #expect(run.output.contains("Hi \\u{1B}[2J there"))
    }

    @Test("run --record --max-mb stops a session that would pass the limit, saying so, and keeps what was committed")
    func maxMegabytesRefuses() throws {
        let directory = TemporaryDirectory()
        let limited = try voicesim(["run", "v2-nominal", "--record", "t.sqlite", "--audio", "full", "--max-mb", "1"],
                                   in: directory)
        #expect(limited.status == 2)
        #expect(limited.errors.contains("would grow past its limit of 1 MiB"), "\(limited.errors)")
        let bytes = FileIdentity.bytes(directory.path("t.sqlite")) + FileIdentity.bytes(directory.path("t.sqlite-wal"))
        #expect(bytes > 0 && bytes <= 1 << 20)
        let replayed = try voicesim(["replay", "t.sqlite"], in: directory)
        #expect(replayed.status == 0 && replayed.output.contains("the recording was not finished"))
        #expect(try voicesim(["verify", "t.sqlite"], in: directory).status == 0)
    }

    @Test("run --record --max-mb starts the next file (NAME-2) when the trace has reached the limit")
    func maxMegabytesRotates() throws {
        let directory = TemporaryDirectory()
        #expect(try voicesim(["run", "v2-nominal", "--record", "t.sqlite", "--audio", "full"], in: directory).status == 0)
        try #require(FileIdentity.bytes(directory.path("t.sqlite")) >= 1 << 20)
        let rotated = try voicesim(["run", "v2-nominal", "--record", "t.sqlite", "--audio", "hash", "--max-mb", "1"],
                                   in: directory)
        #expect(rotated.status == 0)
        #expect(rotated.errors.contains("t.sqlite has reached --max-mb 1; recording into t-2.sqlite"), "\(rotated.errors)")
        #expect(try voicesim(["replay", "t-2.sqlite"], in: directory).output.contains("session 1: identical"))
    }

    @Test("a -wal deleted while another process records: a second recorder is refused, the first stops, nothing is lost")
    func deletedWALAcrossProcesses() throws {
        let binary = try #require(voicesimBinary())
        let directory = TemporaryDirectory()
        let path = directory.path("t.sqlite")
        let slow = try SlowRecorder(binary: binary, path: path, scenario: "v2-nominal", audio: "hash", committed: 200)
        let recorder = slow.process
        let committed = slow.committed
        try #require(recorder.isRunning && committed >= 200, "the recorder finished before its log could be deleted")
        try #require(unlink(path + "-wal") == 0)

        let second = try voicesim(["run", "v2-nominal", "--record", path, "--audio", "hash"], in: directory)
        #expect(second.status == 2)
        #expect(second.errors.contains("t.sqlite-wal, the write-ahead log of a recording, was deleted or replaced"),
                "\(second.errors)")
        recorder.waitUntilExit()
        #expect(recorder.terminationStatus == 2, "the first recorder stops at its next commit")

        let verified = try voicesim(["verify", path], in: directory)
        #expect(verified.status == 0, "\(verified.output)")
        let session = try TraceReader(path: path).session(id: 1)
        #expect(!session.isFinished && session.eventCount >= committed)
        let replayed = try voicesim(["replay", path], in: directory)
        #expect(replayed.status == 0 && replayed.output.contains("session 1: identical: \(session.eventCount) events"))
    }
}

import Foundation
import Recorder
import TestSupport
import Testing
import VoiceCore

@Suite("Trace file guards: a lost -wal, a size limit, rotation, byte-exact paths, NUL in text")
struct TraceFileGuardTests {
    @Test("a -wal deleted mid-recording stops the recorder and refuses a second one; the file stays sound")
    func deletedWAL() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("t.sqlite")
        var call = SyntheticCall(seed: 5, durationMicros: 30_000_000)
        var committed: Int64 = 0
        do {
            let recorder = try SessionRecorder(
                writer: TraceWriter(path: path, options: .init(chunkRawBytesTarget: 2_000)),
                header: SessionHeader(origin: .sim, scenarioName: "wal", seed: 5, codeVersion: "test"),
                lanes: [call.setup], audio: .hash)
            for _ in 0..<600 {
                let next = call.next()
                let step = try #require(next)
                try recorder.record(input: step.input, output: step.output, at: step.time, digestAfter: step.digestAfter)
            }
            committed = try TraceReader(path: path).session(id: 1).eventCount
            try #require(committed > 0)
            try #require(unlink(path + "-wal") == 0)

            // A second recorder would start an empty log the shared index does not match.
            #expect(traceError { _ = try TraceWriter(path: path) } == .walLost(path: path))
            // The first one stops at its next commit instead of writing on.
            var stopped: TraceError?
            while stopped == nil, let step = call.next() {
                stopped = traceError {
                    try recorder.record(input: step.input, output: step.output, at: step.time,
                                        digestAfter: step.digestAfter)
                }
            }
            #expect(stopped == .walLost(path: path))
        }
        // The recorder has closed its connection, which moved the commits from the log it still
        // held into the file.
        let database = try SQLiteDatabase(path: path, flags: .readOnly)
        let check = try database.prepare("PRAGMA integrity_check")
        #expect(try check.step() == .row && check.string(at: 0) == "ok")
        let report = try TraceVerifier.verify(path: path)
        #expect(report.isSound, "\(report.problems)")
        let reader = try TraceReader(path: path)
        #expect(try reader.session(id: 1).eventCount == committed)
        let replay = try Replayer().replay(reader, session: 1)
        #expect(replay.isIdentical && !replay.recordingFinished)
    }

    @Test("a writer with bytesMax refuses the chunk that would pass it, and the file stays within it")
    func sizeLimit() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("t.sqlite")
        let bytesMax: Int64 = 400_000
        var call = SyntheticCall(seed: 6, durationMicros: 120_000_000)
        let recorder = try SessionRecorder(
            writer: TraceWriter(path: path, options: .init(chunkAudioBytesTarget: 32 << 10, bytesMax: bytesMax)),
            header: SessionHeader(origin: .sim, scenarioName: "limit", seed: 6, codeVersion: "test"),
            lanes: [call.setup], audio: .full)
        var stopped: TraceError?
        while stopped == nil, let step = call.next() {
            stopped = traceError {
                try recorder.record(input: step.input, output: step.output, at: step.time, digestAfter: step.digestAfter)
            }
            let bytes = FileIdentity.bytes(path) + FileIdentity.bytes(path + "-wal")
            #expect(bytes <= bytesMax)
        }
        guard case .sizeLimit(let stoppedPath, let limit, let bytes) = stopped else {
            Issue.record("expected sizeLimit, got \(String(describing: stopped))")
            return
        }
        #expect(stoppedPath == path && limit == bytesMax && bytes > 0 && bytes <= bytesMax)
        let session = try TraceReader(path: path).session(id: 1)
        #expect(!session.isFinished && session.chunkCount > 0)
    }

    @Test("rotation names the next files stem-2.ext, stem-3.ext beside the first, and skips full ones")
    func rotationNames() throws {
        #expect(TraceRotation(basePath: "/d.x/live.sqlite", bytesMax: nil).path(2) == "/d.x/live-2.sqlite")
        #expect(TraceRotation(basePath: "/d.x/live", bytesMax: nil).path(3) == "/d.x/live-3")
        #expect(TraceRotation(basePath: "dir/.trace", bytesMax: nil).path(2) == "dir/.trace-2")
        #expect(TraceRotation(basePath: "c.tar.gz", bytesMax: nil).path(2) == "c.tar-2.gz")
        #expect(TraceRotation(basePath: "c.sqlite", bytesMax: nil).path(1) == "c.sqlite")

        let directory = TemporaryDirectory()
        let path = directory.path("r.sqlite")
        _ = try recordSynthetic(path: path, seed: 8, durationMicros: 5_000_000, audio: .hash)
        let size = FileIdentity.bytes(path) + FileIdentity.bytes(path + "-wal")
        var roomy = TraceRotation(basePath: path, bytesMax: size + 1)
        #expect(roomy.pathForNewSession() == path)
        var full = TraceRotation(basePath: path, bytesMax: size)
        #expect(full.pathForNewSession() == directory.path("r-2.sqlite"))
    }

    @Test("file names keep their bytes: what is not UTF-8 round-trips through a String, UTF-8 is unchanged")
    func fileSystemPathRoundTrip() throws {
        var random = PRNG(seed: 0x5A7E)
        for _ in 0..<2_000 {
            let count = Int(random.below(24))
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.below(256)) }
            let name = try #require(FileSystemPath.decode(bytes))
            #expect(FileSystemPath.bytes(name) == bytes)
            if let valid = String(validating: bytes, as: UTF8.self) { #expect(name == valid) }
        }
        #expect(FileSystemPath.decode(Array("trace-\u{10FF80}".utf8)) == nil)
        #expect(FileSystemPath.decode(Array("trace-\u{10FF7F}".utf8)) == "trace-\u{10FF7F}")
    }

    @Test("text is bound with its byte length: a NUL inside a string survives a round trip")
    func nulInText() throws {
        let directory = TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.path("t.db"), flags: [.readWrite, .create])
        try database.execute("CREATE TABLE t (s TEXT)")
        try database.prepare("INSERT INTO t VALUES (?)").run([.text("before\u{0}after")])
        #expect(try database.integer("SELECT length(CAST(s AS BLOB)) FROM t") == 12)
        let select = try database.prepare("SELECT s FROM t")
        #expect(try select.step() == .row && select.string(at: 0) == "before\u{0}after")
    }
}

import Foundation
import Recorder
import TestSupport
import Testing

/// How trace files are created and opened: private to their owner, and read without a trace left.
@Suite("Trace file access")
struct TraceFileAccessTests {
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue
    }

    @Test("a new trace and its -wal and -shm are created 0600 even under umask 000; an existing file keeps its mode")
    func privateFiles() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("private.db")
        let previous = umask(0)
        defer { umask(previous) }
        let writer = try TraceWriter(path: path)
        _ = try writer.beginSession(.fixture())
        var stream = RecordStream(seed: 5)
        _ = try appendRecords(writer, &stream, count: 50)
        try writer.flush()
        for suffix in ["", "-wal", "-shm"] {
            #expect(try Self.mode(path + suffix) == 0o600, "\(suffix)")
        }
        let shared = directory.path("shared.db")
        FileManager.default.createFile(atPath: shared, contents: nil, attributes: [.posixPermissions: 0o640])
        _ = try TraceWriter(path: shared)
        #expect(try Self.mode(shared) == 0o640)
    }

    @Test("reading a closed trace (sessions, records, marks, replay, verify, query) creates no -wal or -shm")
    func readersLeaveNothing() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("closed.db")
        let written = try writeSession(path: path, seed: 9, count: 200)
        let recorded = directory.path("recorded.db")
        let synthetic = try recordSynthetic(path: recorded, seed: 4, durationMicros: 5_000_000, audio: .full)
        #expect(try TraceVerifier.verify(path: recorded).isSound)
        #expect(try Replayer().replay(TraceReader(path: recorded), session: synthetic.id).isIdentical)
        for suffix in ["-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: path + suffix)) }
        let reader = try TraceReader(path: path)
        #expect(try reader.records(session: written.id) == written.records)
        _ = try reader.marks(session: written.id)
        let query = try TraceQuery(paths: [path])
        #expect(try query.run("SELECT count(*) FROM chunks").rows == [[.integer(try reader.session(id: written.id).chunkCount)]])
        for file in [path, recorded] {
            for suffix in ["-wal", "-shm"] {
                #expect(!FileManager.default.fileExists(atPath: file + suffix), "\(file)\(suffix) left behind")
            }
        }
    }

    @Test("while a writer is recording, a reader sees each commit as it lands")
    func readerSeesLiveWriter() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("live.db")
        let writer = try TraceWriter(path: path)
        let id = try writer.beginSession(.fixture())
        var stream = RecordStream(seed: 6)
        let first = try appendRecords(writer, &stream, count: 30)
        try writer.flush()
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try TraceReader(path: path).records(session: id) == first)
        let second = try appendRecords(writer, &stream, count: 30, firstIndex: 30)
        try writer.flush()
        #expect(try TraceReader(path: path).records(session: id) == first + second)
    }
}

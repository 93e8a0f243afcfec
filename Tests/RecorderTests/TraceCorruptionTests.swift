import Foundation
import Recorder
import Testing

@Suite("Damaged and foreign traces")
struct TraceCorruptionTests {
    /// A closed trace with one finished session of 400 records in ~10 chunks.
    static func makeTrace(_ directory: TemporaryDirectory) throws -> (path: String, id: Int64, records: [TraceRecord]) {
        let path = directory.path("trace.db")
        let written = try writeSession(path: path, seed: 77, count: 400, options: .init(chunkRawBytesTarget: 12_000))
        return (path, written.id, written.records)
    }

    /// Runs `sql` with `arguments` on the file, as any SQLite client could.
    static func tamper(_ path: String, _ sql: String, _ arguments: [SQLiteValue] = []) throws {
        let database = try SQLiteDatabase(path: path, flags: .readWrite)
        try database.prepare(sql).run(arguments)
    }

    static func payload(_ path: String, session: Int64, chunk: Int64) throws -> [UInt8] {
        let database = try SQLiteDatabase(path: path, flags: .readOnly)
        let select = try database.prepare("SELECT payload FROM chunks WHERE session_id = ? AND chunk_index = ?")
        select.bind([.integer(session), .integer(chunk)])
        #expect(try select.step() == .row)
        return select.blob(at: 0)
    }

    @Test("a flipped payload byte is a checksum mismatch naming session and chunk; earlier chunks are salvaged")
    func flippedByte() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        var payload = try Self.payload(trace.path, session: trace.id, chunk: 3)
        payload[payload.count / 2] ^= 0x01
        try Self.tamper(
            trace.path, "UPDATE chunks SET payload = ? WHERE session_id = ? AND chunk_index = 3",
            [.blob(payload), .integer(trace.id)])
        let reader = try TraceReader(path: trace.path)
        let error = traceError { _ = try reader.records(session: trace.id) }
        guard case .chunkChecksumMismatch(let session, let chunk, let expected, let actual) = error else {
            Issue.record("expected a checksum mismatch, got \(String(describing: error))")
            return
        }
        #expect(session == trace.id && chunk == 3 && expected != actual)
        #expect(error!.description.hasPrefix("session \(trace.id) chunk 3: checksum mismatch, stored 0x"))
        let salvage = try reader.salvageRecords(session: trace.id)
        #expect(salvage.stoppedBy == error)
        #expect(!salvage.records.isEmpty && salvage.records == Array(trace.records.prefix(salvage.records.count)))
    }

    @Test("damage with recomputed checksums (payload and row) is caught by inflate and named as a corrupt chunk")
    func recomputedChecksum() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        var payload = try Self.payload(trace.path, session: trace.id, chunk: 1)
        payload[0] = 0x00  // breaks the zlib header
        try Self.tamper(
            trace.path, "UPDATE chunks SET payload = ?, checksum = ? WHERE session_id = ? AND chunk_index = 1",
            [.blob(payload), .integer(Int64(Zlib.crc32(payload))), .integer(trace.id)])
        let unsealed = traceError { _ = try TraceReader(path: trace.path).records(session: trace.id) }
        guard case .rowChecksumMismatch("chunks", "session \(trace.id) chunk 1", _, _) = unsealed else {
            Issue.record("a changed checksum column was not a row checksum mismatch: \(String(describing: unsealed))")
            return
        }
        try resealRows(trace.path)
        let error = traceError { _ = try TraceReader(path: trace.path).records(session: trace.id) }
        #expect(
            error
                == .chunkCorrupt(
                    session: trace.id, chunk: 1,
                    reason: "payload does not inflate: zlib error -3: incorrect header check"))
    }

    @Test("a deleted chunk is reported as missing, in the middle and at the end")
    func deletedChunk() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        let last = try TraceReader(path: trace.path).session(id: trace.id).chunkCount - 1
        try Self.tamper(trace.path, "DELETE FROM chunks WHERE chunk_index = 2")
        #expect(
            traceError { _ = try TraceReader(path: trace.path).records(session: trace.id) }
                == .chunkMissing(session: trace.id, expected: 2, found: 3))
        try Self.tamper(trace.path, "DELETE FROM chunks WHERE chunk_index >= 2")
        #expect(
            traceError { _ = try TraceReader(path: trace.path).records(session: trace.id) }
                == .chunkMissing(session: trace.id, expected: 2, found: nil))
        #expect(last > 2)
    }

    @Test("columns that disagree with the payload or the chunk order are refused, even under a resealed row")
    func inconsistentColumns() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        /// Edits like a forger who recomputes the row checksums, so the deeper checks are what fail.
        func tamper(_ path: String, _ sql: String) throws {
            try Self.tamper(path, sql)
            try resealRows(path)
        }
        try tamper(trace.path, "UPDATE chunks SET first_event_index = first_event_index + 1 WHERE chunk_index = 4")
        let error = traceError { _ = try TraceReader(path: trace.path).records(session: trace.id) }
        guard case .chunkEventIndexMismatch(trace.id, 4, let expected, let found) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(found == expected + 1)
        try tamper(trace.path, "UPDATE chunks SET first_event_index = first_event_index - 1 WHERE chunk_index = 4")
        try tamper(trace.path, "UPDATE chunks SET raw_size = raw_size + 5 WHERE chunk_index = 0")
        guard
            case .chunkCorrupt(trace.id, 0, let reason) = traceError({
                _ = try TraceReader(path: trace.path).records(session: trace.id)
            })
        else {
            Issue.record("raw_size change not caught")
            return
        }
        #expect(reason.contains("raw_size says"))
        try tamper(trace.path, "UPDATE chunks SET raw_size = raw_size - 5 WHERE chunk_index = 0")
        try tamper(trace.path, "UPDATE chunks SET raw_size = 1e12 WHERE chunk_index = 0")
        guard
            case .chunkCorrupt(trace.id, 0, _) = traceError({
                _ = try TraceReader(path: trace.path).records(session: trace.id)
            })
        else {
            Issue.record("absurd raw_size not caught")
            return
        }
    }

    @Test("another schema version is refused by reader and writer, naming found and expected")
    func schemaVersion() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        let database = try SQLiteDatabase(path: trace.path, flags: .readWrite)
        try database.setUserVersion(99)
        let expected = TraceError.schemaVersion(path: trace.path, found: 99, expected: TraceSchema.version)
        #expect(traceError { _ = try TraceReader(path: trace.path) } == expected)
        #expect(traceError { _ = try TraceWriter(path: trace.path) } == expected)
        #expect(
            expected.description
                == "\(trace.path) has trace schema version 99, this build reads version \(TraceSchema.version)")
    }

    @Test("a trace of the previous schema (6: 64-bit fingerprints, every chunk's energies) is refused, not misread")
    func previousSchemaVersion() throws {
        #expect(TraceSchema.version == 7)
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        try SQLiteDatabase(path: trace.path, flags: .readWrite).setUserVersion(6)
        let expected = TraceError.schemaVersion(path: trace.path, found: 6, expected: 7)
        #expect(traceError { _ = try TraceReader(path: trace.path) } == expected)
        #expect(traceError { _ = try TraceWriter(path: trace.path) } == expected)
        #expect(expected.description == "\(trace.path) has trace schema version 6, this build reads version 7")
    }

    @Test("a garbage file is not a trace, for reader and writer, and the writer leaves it untouched")
    func garbageFile() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("garbage.db")
        var prng = PRNGBytes(seed: 5)
        let garbage = prng.bytes(8_192)
        try Data(garbage).write(to: URL(fileURLWithPath: path))
        guard case .notATrace(path, _) = traceError({ _ = try TraceReader(path: path) }) else {
            Issue.record("garbage accepted by the reader")
            return
        }
        guard case .notATrace(path, _) = traceError({ _ = try TraceWriter(path: path) }) else {
            Issue.record("garbage accepted by the writer")
            return
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(garbage))
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        #expect(traceError { _ = try TraceReader(path: path) } != nil)
    }

    @Test("another application's SQLite database is not a trace and is not modified")
    func foreignDatabase() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("other.db")
        try SQLiteDatabase(path: path, flags: [.readWrite, .create]).execute("CREATE TABLE notes (body TEXT)")
        let expected = TraceError.notATrace(path: path, reason: "application_id is 0x00000000, expected 0x56534d31")
        #expect(traceError { _ = try TraceWriter(path: path) } == expected)
        #expect(traceError { _ = try TraceReader(path: path) } == expected)
        #expect(try SQLiteDatabase(path: path, flags: .readOnly).integer("SELECT count(*) FROM sqlite_schema") == 1)
        #expect(traceError { _ = try TraceReader(path: directory.path("absent.db")) } != nil)
    }

    @Test("a file truncated to half is reported as truncated, never a trap")
    func truncatedFile() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        let size = try FileManager.default.attributesOfItem(atPath: trace.path)[.size] as! Int
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: trace.path))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        let error = traceError { _ = try TraceReader(path: trace.path).records(session: trace.id) }
        #expect(error == .truncatedFile(path: trace.path, expectedBytes: Int64(size), actualBytes: Int64(size / 2)))
        #expect(traceError { _ = try TraceWriter(path: trace.path) } == error)
    }

    @Test("every prefix length of a trace file gives records or an error, never a trap or a hang")
    func everyTruncation() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: trace.path))
        let copy = directory.path("copy.db")
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)) + [50, 99, 100, 101] {
            try bytes.prefix(length).write(to: URL(fileURLWithPath: copy))
            #expect(
                traceError { _ = try TraceReader(path: copy).records(session: trace.id) } != nil, "length \(length)")
        }
    }

    @Test("a session whose writer went away without finishing reads up to its last committed chunk")
    func unfinishedSession() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        var committed: [TraceRecord] = []
        var all: [TraceRecord] = []
        var id: Int64 = 0
        do {
            let writer = try TraceWriter(path: path, options: .init(chunkRawBytesTarget: 4_096))
            id = try writer.beginSession(.fixture())
            var stream = RecordStream(seed: 11)
            all = try appendRecords(writer, &stream, count: 150)
            writer.addMark(TraceMark(time: stream.time, eventIndex: 149, kind: .invariantFailure, label: "lost"))
            let database = try SQLiteDatabase(path: path, flags: .readOnly)
            committed = Array(all.prefix(Int(try database.integer("SELECT event_count FROM sessions"))))
            // The writer is dropped here without finishSession: the pending batch is lost.
        }
        #expect(committed.count >= 100 && committed.count < all.count)
        let reader = try TraceReader(path: path)
        let session = try reader.session(id: id)
        #expect(session.summary == nil && !session.isFinished)
        #expect(try reader.records(session: id) == committed)
        #expect(try reader.marks(session: id) == [])
        // The file stays usable for the next writer.
        let next = try writeSession(path: path, seed: 12, count: 20)
        #expect(try TraceReader(path: path).records(session: next.id) == next.records)
    }
}

/// Deterministic garbage.
struct PRNGBytes {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }
}

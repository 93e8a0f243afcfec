import Recorder
import Testing
import VoiceCore

@Suite("Trace round trip")
struct TraceRoundTripTests {
    @Test("many sessions with many records read back byte for byte, with headers and summaries")
    func manySessions() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let writer = try TraceWriter(path: path, options: .init(chunkRawBytesTarget: 8_192))
        var expected: [Int64: (header: SessionHeader, summary: SessionSummary, records: [TraceRecord])] = [:]
        for seed in UInt64(1)...12 {
            var header = SessionHeader.fixture(seed: seed &* 0x9E37_79B9_7F4A_7C15, name: "scenario-\(seed)")
            header.origin = seed.isMultiple(of: 2) ? .live : .sim
            header.audioMode = seed.isMultiple(of: 3) ? .hash : .full
            header.started = Instant(micros: Int64(seed) * 1_000)
            let id = try writer.beginSession(header)
            var stream = RecordStream(seed: seed, sizeBound: 1_500)
            stream.time = header.started
            let records = try appendRecords(writer, &stream, count: 300 + Int(seed) * 17)
            let summary = SessionSummary(
                ended: stream.time, finalDigest: seed &* 0xFFFF_FFFF_FFFF, turnCount: Int64(seed),
                latencyMillisMean: seed == 5 ? nil : 812.5, latencyMillisP95: 1_900.25, interruptionCount: 2,
                reconnectCount: 1, lostAudioMillis: 300, costUSD: 0.0125)
            try writer.finishSession(summary)
            expected[id] = (header, summary, records)
        }
        let reader = try TraceReader(path: path)
        let sessions = try reader.sessions()
        #expect(sessions.map(\.id) == expected.keys.sorted())
        for session in sessions {
            let want = try #require(expected[session.id])
            #expect(session.header == want.header)
            #expect(session.summary == want.summary)
            #expect(session.eventCount == Int64(want.records.count))
            #expect(try reader.records(session: session.id) == want.records)
        }
    }

    @Test("chunks are cut at the size target and the last partial batch is flushed on finish")
    func sizeBoundaries() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let writer = try TraceWriter(path: path, options: .init(chunkRawBytesTarget: 1_000, chunkSpanMicrosMax: .max))
        let id = try writer.beginSession(.fixture())
        // Each record frames as 1 byte of time residual length + 1 of length + 100 = 102 bytes, so
        // ten records (1,020 bytes) reach the 1,000-byte target. Each record is the first of its
        // class, predicted at the previous one, 1 µs early: zig-zag 2, one bit below its leading
        // one, so 9 bits (2 bytes) for ten records, 4 (1 byte) for five. The column header adds 5
        // bytes (no side columns, then the lengths of the two time columns and the records: 1, 1, 2).
        for index in 0..<95 {
            try writer.append(record: [UInt8](repeating: UInt8(index), count: 100), time: Instant(micros: Int64(index)))
        }
        #expect(writer.eventCount == 95)
        try writer.finishSession(SessionSummary(ended: .seconds(1), finalDigest: 1))
        let cursor = try TraceReader(path: path).chunks(session: id)
        var chunks: [TraceChunk] = []
        while let chunk = try cursor.next() { chunks.append(chunk) }
        #expect(chunks.map(\.records.count) == [10, 10, 10, 10, 10, 10, 10, 10, 10, 5])
        #expect(chunks.map(\.firstEventIndex) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
        #expect(chunks.map(\.rawBytes) == [1_027, 1_027, 1_027, 1_027, 1_027, 1_027, 1_027, 1_027, 1_027, 516])
        #expect(chunks[3].firstTime == Instant(micros: 30) && chunks[3].lastTime == Instant(micros: 39))
        #expect(try cursor.next() == nil)
    }

    @Test("chunks are cut when they span the time bound, and a record above the target gets committed at once")
    func timeBoundaries() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let writer = try TraceWriter(
            path: path, options: .init(chunkRawBytesTarget: 4_096, chunkSpanMicrosMax: 1_000_000))
        let id = try writer.beginSession(.fixture())
        for index in 0..<25 {  // one small record every 100 ms
            try writer.append(record: [UInt8(index)], time: .millis(Int64(index) * 100))
        }
        try writer.append(record: [UInt8](repeating: 1, count: 10_000), time: .millis(2_450))
        let reader = try TraceReader(path: path)
        // Committed before finishing: 0…1.0 s, 1.1…2.1 s, then 2.2…2.45 s cut by the big record.
        let chunks = try reader.records(session: id)
        #expect(chunks.count == 26)
        let cursor = try reader.chunks(session: id)
        var spans: [[Int64]] = []
        while let chunk = try cursor.next() { spans.append([chunk.firstTime.micros, chunk.lastTime.micros]) }
        #expect(spans == [[0, 1_000_000], [1_100_000, 2_100_000], [2_200_000, 2_450_000]])
    }

    @Test("marks and checkpoints are committed with chunks and read back in order")
    func marksAndCheckpoints() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let writer = try TraceWriter(path: path)
        let id = try writer.beginSession(.fixture())
        try writer.append(record: [1, 2, 3], time: .millis(10))
        writer.addMark(TraceMark(time: .millis(10), eventIndex: 0, kind: .interruption, label: "played_ms=420"))
        writer.addCheckpoint(TraceCheckpoint(eventIndex: 0, time: .millis(10), digest: 0x0123_4567_89AB_CDEF))
        try writer.append(record: [4], time: .millis(20))
        writer.addMark(TraceMark(time: .millis(20), eventIndex: 1, kind: .reconnect, label: "attempt 1"))
        writer.addCheckpoint(TraceCheckpoint(eventIndex: 1, time: .millis(20), digest: .max))
        try writer.finishSession(SessionSummary(ended: .millis(30), finalDigest: 7))
        let reader = try TraceReader(path: path)
        #expect(
            try reader.marks(session: id) == [
                TraceMark(time: .millis(10), eventIndex: 0, kind: .interruption, label: "played_ms=420"),
                TraceMark(time: .millis(20), eventIndex: 1, kind: .reconnect, label: "attempt 1"),
            ])
        #expect(
            try reader.checkpoints(session: id) == [
                TraceCheckpoint(eventIndex: 0, time: .millis(10), digest: 0x0123_4567_89AB_CDEF),
                TraceCheckpoint(eventIndex: 1, time: .millis(20), digest: .max),
            ])
    }

    @Test("the file is plain SQLite: sessions and chunks can be queried with ordinary SQL")
    func plainSQL() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let written = try writeSession(path: path, seed: 0xFEED_FACE_CAFE_BEEF, count: 500)
        let database = try SQLiteDatabase(path: path, flags: .readOnly)
        #expect(try database.applicationID == TraceSchema.applicationID)
        #expect(try database.userVersion == TraceSchema.version)
        #expect(try database.text("PRAGMA journal_mode") == "wal")
        #expect(try database.text("PRAGMA integrity_check") == "ok")
        #expect(try database.text("SELECT printf('%016x', seed) FROM sessions") == "feedfacecafebeef")
        #expect(try database.integer("SELECT sum(event_count) FROM chunks") == Int64(written.records.count))
        #expect(try database.integer("SELECT sum(length(payload)) = stored_bytes FROM chunks JOIN sessions") == 1)
        #expect(try database.text("SELECT json_extract(metadata, '$.note') FROM sessions") == "fixture")
    }

    @Test("an empty session and a reopened file both work")
    func emptySessionAndReopen() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let first = try TraceWriter(path: path)
        let empty = try first.beginSession(.fixture())
        try first.finishSession(SessionSummary(ended: .zero, finalDigest: 0))
        let second = try writeSession(path: path, seed: 3, count: 50)
        let reader = try TraceReader(path: path)
        #expect(try reader.records(session: empty) == [])
        #expect(try reader.session(id: empty).chunkCount == 0)
        #expect(try reader.records(session: second.id) == second.records)
        #expect(traceError { _ = try reader.records(session: 999) } == .sessionNotFound(session: 999))
    }

    @Test("a record above the size limit is refused with a typed error")
    func recordTooLarge() throws {
        let directory = TemporaryDirectory()
        let writer = try TraceWriter(path: directory.path("trace.db"))
        _ = try writer.beginSession(.fixture())
        let error = traceError {
            try writer.append(record: [UInt8](repeating: 0, count: TraceSchema.recordBytesMax + 1), time: .zero)
        }
        #expect(error == .recordTooLarge(bytes: TraceSchema.recordBytesMax + 1, limit: TraceSchema.recordBytesMax))
    }

    @Test("a reader sees exactly the committed chunks while the writer is still recording")
    func readWhileRecording() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let writer = try TraceWriter(path: path, options: .init(chunkRawBytesTarget: 2_048))
        let id = try writer.beginSession(.fixture())
        var stream = RecordStream(seed: 4)
        var written = try appendRecords(writer, &stream, count: 40)
        let reader = try TraceReader(path: path)
        let committed = try reader.session(id: id).eventCount
        #expect(committed > 0 && committed < 40)
        #expect(try reader.records(session: id) == Array(written.prefix(Int(committed))))
        try writer.flush()
        #expect(try reader.records(session: id) == written)
        written += try appendRecords(writer, &stream, count: 40, firstIndex: 40)
        try writer.finishSession(SessionSummary(ended: stream.time, finalDigest: 9))
        #expect(try reader.records(session: id) == written)
        #expect(try reader.session(id: id).isFinished)
    }
}

@Suite("Side columns and audio entries")
struct TraceSideColumnTests {
    @Test("side columns come back per chunk, concatenated in record order; audio entries only when asked for")
    func sidesAndAudio() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("sides.db")
        let writer = try TraceWriter(path: path, options: .init(chunkRawBytesTarget: 60, chunkSpanMicrosMax: .max))
        let id = try writer.beginSession(.fixture())
        var expectedSides: [[UInt8]] = [[], []]
        var expectedAudio: [[UInt8]] = []
        for index in 0..<40 {
            let byte = UInt8(index)
            let sides: [[UInt8]] = index % 3 == 0 ? [[byte], [byte, byte]] : (index % 3 == 1 ? [[byte]] : [])
            let audio: [[UInt8]] = index % 4 == 0 ? [[UInt8](repeating: byte, count: index)] : []
            try writer.append(record: [byte, 1, 2, 3], time: Instant(micros: Int64(index)), sides: sides, audio: audio)
            for (column, bytes) in sides.enumerated() { expectedSides[column] += bytes }
            expectedAudio += audio
        }
        #expect(writer.audioCount == Int64(expectedAudio.count))
        try writer.finishSession(SessionSummary(ended: .seconds(1), finalDigest: 1))
        let reader = try TraceReader(path: path)
        var sides: [[UInt8]] = [[], []]
        var chunks = 0
        let cursor = try reader.chunks(session: id)
        while let chunk = try cursor.next() {
            chunks += 1
            #expect(chunk.audio == nil)
            for (column, bytes) in chunk.sides.enumerated() { sides[column] += bytes }
        }
        #expect(chunks > 3 && sides == expectedSides)
        #expect(try reader.audio(session: id) == expectedAudio)
        let session = try reader.session(id: id)
        #expect(session.audioCount == Int64(expectedAudio.count) && session.audioStoredBytes > 0)
    }

    @Test("a chunk whose column lengths do not add up is corrupt, not a trap")
    func badColumns() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("columns.db")
        let written = try writeSession(path: path, seed: 3, count: 50)
        for raw: [UInt8] in [[], [9], [0, 200, 1], [1, 1, 1], [0, 0, 0, 7]] {
            let payload = Zlib.deflate(raw)
            try TraceCorruptionTests.tamper(
                path, "UPDATE chunks SET payload = ?, checksum = ?, raw_size = ? WHERE session_id = ? AND chunk_index = 0",
                [.blob(payload), .integer(Int64(Zlib.crc32(payload))), .integer(Int64(raw.count)), .integer(written.id)])
            try resealRows(path)
            let error = traceError { _ = try TraceReader(path: path).records(session: written.id) }
            guard case .chunkCorrupt(_, 0, _) = error else {
                Issue.record("columns \(raw): expected a corrupt chunk 0, got \(String(describing: error))")
                continue
            }
        }
    }
}

import Foundation
import Recorder
import TestSupport
import Testing
import VoiceCore

/// Damaged recorded sessions: every kind of damage gives a specific `TraceError` (or, for a
/// well-formed but altered record, a divergence), never a trap.
@Suite("Damaged recorded sessions")
struct SessionCorruptionTests {
    /// A closed trace holding one finished full-audio synthetic session in ~20 chunks.
    static func makeTrace(_ directory: TemporaryDirectory) throws -> (path: String, id: Int64, events: Int) {
        let path = directory.path("pristine.db")
        let recorded = try recordSynthetic(
            path: path, seed: 21, durationMicros: 20_000_000, audio: .full,
            options: .init(chunkRawBytesTarget: 3_000, chunkAudioBytesTarget: 40_000))
        return (path, recorded.id, recorded.steps.count)
    }

    /// A copy of `path` to damage. The pristine file is never written after recording, so its WAL
    /// (a read-only connection may leave an empty one) holds nothing; a stale WAL of an earlier
    /// copy is removed, or SQLite would apply its frames to the new copy.
    static func copy(_ path: String, _ directory: TemporaryDirectory, _ name: String) throws -> String {
        let target = directory.path(name)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        try FileManager.default.copyItem(atPath: path, toPath: target)
        return target
    }

    static func tamper(_ path: String, _ sql: String, _ arguments: [SQLiteValue] = []) throws {
        let database = try SQLiteDatabase(path: path, flags: .readWrite)
        try database.prepare(sql).run(arguments)
    }

    /// The first row of `sql`, as integers and blobs; the connection is closed on return, so
    /// no snapshot outlives the call.
    static func row(
        _ path: String, _ sql: String, _ arguments: [SQLiteValue] = [], blobs: Set<Int32> = []
    ) throws -> [SQLiteValue] {
        let database = try SQLiteDatabase(path: path, flags: .readOnly)
        let select = try database.prepare(sql)
        select.bind(arguments)
        #expect(try select.step() == .row)
        return (0..<select.columnCount).map { index in
            blobs.contains(index) ? .blob(select.blob(at: index)) : .integer(select.int64(at: index))
        }
    }

    static func chunkCount(_ path: String) throws -> Int64 {
        guard case .integer(let count) = try row(path, "SELECT count(*) FROM chunks")[0] else { return 0 }
        return count
    }

    /// Replays session `id` of `path`: the report, or the TraceError (its only error type).
    static func replay(_ path: String, _ id: Int64) -> Result<ReplayReport, TraceError> {
        Result { () throws(TraceError) in try Replayer().replay(TraceReader(path: path), session: id) }
    }

    @Test("flipped bytes in any chunk's records are checksum mismatches naming that chunk (40 random seeds)")
    func flippedRecords() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        let chunks = try Self.chunkCount(trace.path)
        #expect(chunks >= 10)
        for seed in UInt64(1)...40 {
            var random = PRNG(seed: seed)
            let path = try Self.copy(trace.path, directory, "flipped.db")
            let chunk = Int64(random.below(UInt64(chunks)))
            guard
                case .blob(var payload) = try Self.row(
                    path, "SELECT payload FROM chunks WHERE chunk_index = ?", [.integer(chunk)], blobs: [0])[0]
            else { return }
            for _ in 0..<(1 + random.below(4)) {
                payload[Int(random.below(UInt64(payload.count)))] ^= UInt8(1 + random.below(255))
            }
            try Self.tamper(
                path, "UPDATE chunks SET payload = ? WHERE chunk_index = ?", [.blob(payload), .integer(chunk)])
            guard case .failure(.chunkChecksumMismatch(_, let found, _, _)) = Self.replay(path, trace.id) else {
                Issue.record("seed \(seed): damage in chunk \(chunk) was not reported as a checksum mismatch")
                continue
            }
            #expect(found == chunk, "seed \(seed)")
        }
    }

    @Test("flipped audio bytes fail replay (exit 2, never identical) and audio export, naming the chunk")
    func flippedAudio() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        for seed in UInt64(1)...10 {
            var random = PRNG(seed: seed)
            let path = try Self.copy(trace.path, directory, "audio.db")
            let withAudio = try Self.row(path, "SELECT count(*) FROM chunks WHERE audio_count > 0")
            guard case .integer(let count) = withAudio[0] else { return }
            let row = try Self.row(
                path,
                "SELECT chunk_index, audio_payload FROM chunks WHERE audio_count > 0 "
                    + "ORDER BY chunk_index LIMIT 1 OFFSET ?",
                [.integer(Int64(random.below(UInt64(count))))], blobs: [1])
            guard case .integer(let chunk) = row[0], case .blob(var payload) = row[1] else { return }
            payload[Int(random.below(UInt64(payload.count)))] ^= 0x40
            try Self.tamper(
                path, "UPDATE chunks SET audio_payload = ? WHERE chunk_index = ?", [.blob(payload), .integer(chunk)])
            for error in [
                traceError { _ = try Replayer().replay(TraceReader(path: path), session: trace.id) },
                traceError { _ = try TraceReader(path: path).recordedAudio(session: trace.id) },
            ] {
                guard case .chunkCorrupt(_, let found, let reason) = error else {
                    Issue.record("seed \(seed): expected a corrupt chunk, got \(String(describing: error))")
                    continue
                }
                #expect(found == chunk && reason.contains("audio checksum mismatch"), "\(found) \(chunk) \(reason)")
            }
        }
    }

    @Test("a NULLed audio payload and checksum are refused by replay")
    func nulledAudio() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        let path = try Self.copy(trace.path, directory, "nulled.db")
        try Self.tamper(path, "UPDATE chunks SET audio_payload = NULL, audio_checksum = NULL WHERE audio_count > 0")
        let error = traceError { _ = try Replayer().replay(TraceReader(path: path), session: trace.id) }
        guard case .rowChecksumMismatch("chunks", _, _, _) = error else {
            Issue.record("NULLed audio was not refused: \(String(describing: error))")
            return
        }
        try resealRows(path)
        let resealed = traceError { _ = try Replayer().replay(TraceReader(path: path), session: trace.id) }
        guard case .chunkCorrupt(_, _, let reason) = resealed else {
            Issue.record("NULLed audio under a resealed row was not refused: \(String(describing: resealed))")
            return
        }
        #expect(reason.contains("audio_payload is NULL"))
    }

    @Test(
        "records altered under a recomputed checksum decode to an error, a divergence or the same events, never a trap")
    func alteredUnderChecksum() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        let chunks = try Self.chunkCount(trace.path)
        var outcomes: [String: Int] = [:]
        for seed in UInt64(1)...150 {
            var random = PRNG(seed: seed)
            let path = try Self.copy(trace.path, directory, "altered.db")
            let chunk = Int64(random.below(UInt64(chunks)))
            let row = try Self.row(
                path, "SELECT payload, raw_size FROM chunks WHERE chunk_index = ?", [.integer(chunk)], blobs: [0])
            guard case .blob(let stored) = row[0], case .integer(let rawSize) = row[1] else { return }
            var raw = try Zlib.inflate(stored, expectedSize: Int(rawSize), limit: Int(rawSize))
            for _ in 0..<(1 + random.below(3)) {
                raw[Int(random.below(UInt64(raw.count)))] ^= UInt8(1 << random.below(8))
            }
            let payload = Zlib.deflate(raw)
            try Self.tamper(
                path, "UPDATE chunks SET payload = ?, checksum = ? WHERE chunk_index = ?",
                [.blob(payload), .integer(Int64(Zlib.crc32(payload))), .integer(chunk)])
            try resealRows(path)
            switch Self.replay(path, trace.id) {
            case .failure(.chunkCorrupt): outcomes["chunk corrupt", default: 0] += 1
            case .failure(.recordCorrupt(let session, let event, _)):
                #expect(session == trace.id && event >= 0 && event < Int64(trace.events))
                outcomes["record corrupt", default: 0] += 1
            case .failure(let error): outcomes["\(error)".prefix(30) + "", default: 0] += 1
            case .success(let report) where report.isIdentical: outcomes["identical", default: 0] += 1
            case .success: outcomes["divergence", default: 0] += 1
            }
        }
        #expect(outcomes.values.reduce(0, +) == 150)
        #expect(outcomes["record corrupt", default: 0] + outcomes["chunk corrupt", default: 0] > 50, "\(outcomes)")
    }

    @Test("a missing chunk, a bumped schema version, a truncated file: each its own error")
    func structuralDamage() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)

        let dropped = try Self.copy(trace.path, directory, "dropped.db")
        try Self.tamper(dropped, "DELETE FROM chunks WHERE chunk_index = 4")
        guard case .failure(.chunkMissing(_, 4, 5)) = Self.replay(dropped, trace.id) else {
            Issue.record("a deleted chunk 4 was not reported as missing: \(Self.replay(dropped, trace.id))")
            return
        }

        let bumped = try Self.copy(trace.path, directory, "bumped.db")
        try SQLiteDatabase(path: bumped, flags: .readWrite).setUserVersion(TraceSchema.version + 1)
        guard case .failure(.schemaVersion(_, let found, let expected)) = Self.replay(bumped, trace.id) else {
            Issue.record("another schema version was not refused")
            return
        }
        #expect(found == TraceSchema.version + 1 && expected == TraceSchema.version)

        let missing = directory.path("missing.db")
        guard case .failure(.cannotOpen(let path, _)) = Self.replay(missing, 1) else {
            Issue.record("a missing file was not reported as such")
            return
        }
        #expect(path == missing && !FileManager.default.fileExists(atPath: missing))

        let size = try FileManager.default.attributesOfItem(atPath: trace.path)[.size] as! Int
        for keep in [0, 100, 4_096, size / 3, size / 2, size - 4_096] {
            let truncated = try Self.copy(trace.path, directory, "truncated.db")
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: truncated))
            try handle.truncate(atOffset: UInt64(keep))
            try handle.close()
            guard case .failure = Self.replay(truncated, trace.id) else {
                Issue.record("a file cut to \(keep) of \(size) bytes replayed")
                continue
            }
        }
    }

    @Test("damaged lane setups are checksum errors, session errors under a resealed row; a deleted lane is counted")
    func damagedLanes() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)

        let damaged = try Self.copy(trace.path, directory, "lane.db")
        try Self.tamper(damaged, "UPDATE lanes SET setup = substr(setup, 1, 7)")
        guard case .failure(.rowChecksumMismatch("lanes", let row, _, _)) = Self.replay(damaged, trace.id) else {
            Issue.record("a truncated lane setup was not a checksum mismatch")
            return
        }
        #expect(row == "session \(trace.id) lane 0")
        try resealRows(damaged)
        guard case .failure(.sessionCorrupt(let session, let reason)) = Self.replay(damaged, trace.id) else {
            Issue.record("a truncated lane setup was not refused")
            return
        }
        #expect(session == trace.id && reason.hasPrefix("lane 0 setup: cannot decode"))

        let deleted = try Self.copy(trace.path, directory, "nolane.db")
        try Self.tamper(deleted, "DELETE FROM lanes")
        guard case .failure(.rowCountMismatch("lanes", trace.id, 1, 0)) = Self.replay(deleted, trace.id) else {
            Issue.record("a deleted lane was not refused: \(Self.replay(deleted, trace.id))")
            return
        }
    }

    @Test("a tampered checkpoint digest is damage (exit 2); resealed, a checkpoint divergence at its event")
    func tamperedCheckpoint() throws {
        let directory = TemporaryDirectory()
        let trace = try Self.makeTrace(directory)
        let path = try Self.copy(trace.path, directory, "checkpoint.db")
        try Self.tamper(path, "UPDATE checkpoints SET digest = '0123456789abcdef' WHERE event_index = 299")
        guard case .failure(.rowChecksumMismatch("checkpoints", let row, _, _)) = Self.replay(path, trace.id) else {
            Issue.record("a wrong checkpoint digest was not a checksum mismatch: \(Self.replay(path, trace.id))")
            return
        }
        #expect(row == "session \(trace.id) checkpoint at event 299")
        try resealRows(path)
        guard case .success(let report) = Self.replay(path, trace.id), let divergence = report.divergence else {
            Issue.record("a wrong checkpoint digest went unnoticed")
            return
        }
        #expect(divergence.kind == .checkpointDigest && divergence.eventIndex == 299)
        #expect(divergence.lastMatchingCheckpoint?.eventIndex == 199)
        #expect(divergence.firstDifferingCheckpoint?.recorded.digest == 0x0123_4567_89AB_CDEF)
        #expect(divergence.expected == divergence.actual)
    }
}

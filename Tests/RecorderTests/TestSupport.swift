import Foundation
import Recorder
import Testing
import VoiceCore

/// A fresh directory under the system temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("RecorderTests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A path inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// The `TraceError` that `body` throws, or nil when it returns. Any other error fails the test.
func traceError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> TraceError? {
    do {
        try body()
        return nil
    } catch let error as TraceError {
        return error
    } catch {
        Issue.record("expected a TraceError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

extension SessionHeader {
    static func fixture(seed: UInt64 = 0xDEAD_BEEF_0000_0001, name: String = "barge-in") -> SessionHeader {
        SessionHeader(
            origin: .sim, scenarioName: name, scenarioText: "{\"users\": []}", seed: seed,
            codeVersion: "test-1", started: .zero, pipeline: "v2", audioMode: .full,
            metadataJSON: "{\"note\": \"fixture\"}")
    }
}

/// Deterministic records: sizes in `0..<sizeBound`, times advancing 0..<20 ms, contents a mix
/// of compressible runs and PRNG noise, so chunks are realistic to compress.
struct RecordStream {
    var prng: PRNG
    var time = Instant.zero
    let sizeBound: UInt64

    init(seed: UInt64, sizeBound: UInt64 = 600) {
        prng = PRNG(seed: seed)
        self.sizeBound = sizeBound
    }

    mutating func next() -> (bytes: [UInt8], time: Instant) {
        time = time + Int64(prng.below(20_000))
        let count = Int(prng.below(sizeBound))
        var bytes = [UInt8](repeating: UInt8(truncatingIfNeeded: count), count: count)
        for index in stride(from: 0, to: count, by: 3) { bytes[index] = UInt8(truncatingIfNeeded: prng.next()) }
        return (bytes, time)
    }
}

/// Writes `count` records from `stream` into the writer's current session and returns them as
/// the reader should give them back (indices from `firstIndex`).
func appendRecords(
    _ writer: TraceWriter, _ stream: inout RecordStream, count: Int, firstIndex: Int64 = 0
) throws(TraceError) -> [TraceRecord] {
    var written: [TraceRecord] = []
    for offset in 0..<count {
        let (bytes, time) = stream.next()
        try writer.append(record: bytes, time: time)
        written.append(TraceRecord(index: firstIndex + Int64(offset), time: time, bytes: bytes))
    }
    return written
}

/// A finished session holding `count` records; returns its id and the records.
func writeSession(
    path: String, seed: UInt64, count: Int, options: TraceWriter.Options = .init()
) throws(TraceError) -> (id: Int64, records: [TraceRecord]) {
    let writer = try TraceWriter(path: path, options: options)
    let id = try writer.beginSession(.fixture(seed: seed))
    var stream = RecordStream(seed: seed)
    let records = try appendRecords(writer, &stream, count: count)
    try writer.finishSession(SessionSummary(ended: stream.time, finalDigest: seed &* 31))
    return (id, records)
}

/// Recomputes every row's `row_checksum` in the trace at `path`, as someone who edits a trace and
/// knows the format would: for tests of what the other checks find once the checksums agree.
func resealRows(_ path: String) throws {
    let database = try SQLiteDatabase(path: path, flags: .readWrite)
    for table in TraceColumns.tables {
        let select = try database.prepare("SELECT rowid, \(table.columns.joined(separator: ", ")) FROM \(table.name)")
        var updates: [(rowid: Int64, checksum: UInt32)] = []
        while try select.step() == .row {
            let values = (1...Int32(table.columns.count)).map { select.value(at: $0) }
            updates.append((select.int64(at: 0), RowChecksum.of(table: table.name, values)))
        }
        let update = try database.prepare("UPDATE \(table.name) SET row_checksum = ? WHERE rowid = ?")
        for row in updates { try update.run([.integer(Int64(row.checksum)), .integer(row.rowid)]) }
    }
}

import Foundation
import Recorder
import TestSupport
import Testing
import VoiceCore

/// Random single-byte damage anywhere in a trace file: the file's verification refuses it
/// (exit 2) or the damage changed nothing a reader can see (free space, unused header fields);
/// replay never reports a divergence (exit 1) for it, and never says identical when something it
/// vouches for changed.
@Suite("Byte flips anywhere in a trace")
struct ByteFlipPropertyTests {
    /// A closed trace of one synthetic session with marks and checkpoints, in small chunks.
    static func makeTrace(_ path: String, audio: SessionRecorder.AudioMode) throws {
        var call = SyntheticCall(seed: 41, durationMicros: 8_000_000)
        let writer = try TraceWriter(path: path, options: .init(chunkRawBytesTarget: 2_500, chunkAudioBytesTarget: 9_000))
        let header = SessionHeader(
            origin: .sim, scenarioName: "flips", scenarioText: "name: flips\nusers: []\n", seed: 41,
            codeVersion: "test", metadataJSON: "{\"note\": \"byte flips\"}")
        let recorder = try SessionRecorder(
            writer: writer, header: header, lanes: [call.setup], audio: audio, checkpointInterval: 60)
        var tally = SummaryTally()
        var last = Instant.zero
        while let step = call.next() {
            try recorder.record(input: step.input, output: step.output, at: step.time, digestAfter: step.digestAfter)
            tally.add(step.output)
            if recorder.eventCount % 70 == 0 {
                recorder.mark(kind: "interruption", label: "mark \(recorder.eventCount) — ünïcode", at: step.time)
            }
            last = step.time
        }
        try recorder.finish(tally.summary(ended: last, lanes: [call.machines]))
    }

    /// Everything a reader could see: header fields SQLite exposes and every row of every table,
    /// typed; nil when SQLite cannot read it all.
    static func logicalContent(_ path: String) -> [[SQLiteValue]]? {
        do {
            let database = try SQLiteDatabase(path: path, flags: .readOnly)
            var rows: [[SQLiteValue]] = [
                [.integer(Int64(try database.userVersion)), .integer(Int64(try database.applicationID))]
            ]
            for table in ["sqlite_schema", "sessions", "chunks", "lanes", "marks", "checkpoints"] {
                let select = try database.prepare("SELECT * FROM \(table) ORDER BY rowid")
                while try select.step() == .row {
                    rows.append((0..<select.columnCount).map { select.value(at: $0) })
                }
            }
            return rows
        } catch {
            return nil
        }
    }

    /// Which b-tree (table or index) owns each page, from SQLite's `dbstat`; unlisted pages are free.
    static func pageOwners(_ path: String) throws -> [String: [Int64]] {
        let database = try SQLiteDatabase(path: path, flags: .readOnly)
        let select = try database.prepare("SELECT name, pageno FROM dbstat ORDER BY pageno")
        var owners: [String: [Int64]] = [:]
        while try select.step() == .row { owners[select.string(at: 0) ?? "", default: []].append(select.int64(at: 1)) }
        return owners
    }

    enum Outcome: Hashable {
        /// verify refused the file (exit 2).
        case refused
        /// verify passed and every readable value is as it was.
        case unchanged
    }

    /// Verifies and replays the damaged copy; records an issue for any broken promise.
    static func check(_ path: String, original: [[SQLiteValue]], flip: String) -> Outcome {
        let content = logicalContent(path)
        let refused: Bool
        do {
            refused = !(try TraceVerifier.verify(path: path).isSound)
        } catch {
            refused = true
        }
        if !refused && content != original {
            Issue.record("\(flip): verify passed, but the content changed")
        }
        do {
            let reports = try Replayer().replayAll(TraceReader(path: path))
            if reports.contains(where: { $0.divergence != nil || !$0.isIdentical }) {
                Issue.record("\(flip): replay reported a divergence (exit 1) for damage")
            } else if content != original {
                Issue.record("\(flip): replay said identical (exit 0), but the content changed")
            }
        } catch {}
        return refused ? .refused : .unchanged
    }

    /// The byte offsets to flip: the file header, pages of every b-tree, and anywhere at all.
    static func offsets(fileSize: Int, pageSize: Int, owners: [String: [Int64]], count: Int, seed: UInt64)
        -> [(offset: Int, owner: String)]
    {
        var random = PRNG(seed: seed)
        var picks: [(Int, String)] = []
        for _ in 0..<40 { picks.append((Int(random.below(100)), "file header")) }
        for owner in owners.keys.sorted() {
            let pages = owners[owner]!
            for _ in 0..<20 {
                let page = Int(pages[Int(random.below(UInt64(pages.count)))])
                picks.append(((page - 1) * pageSize + Int(random.below(UInt64(pageSize))), owner))
            }
        }
        while picks.count < count { picks.append((Int(random.below(UInt64(fileSize))), "anywhere")) }
        return picks.filter { $0.0 < fileSize }
    }

    @Test("1,040 random byte flips in both audio modes: each is refused (exit 2) or changes nothing")
    func byteFlips() throws {
        let directory = TemporaryDirectory()
        var total = 0
        var outcomes: [Outcome: Int] = [:]
        var ownersHit: Set<String> = []
        for (index, mode) in SessionHeader.AudioMode.allCases.enumerated() {
            let pristine = directory.path("pristine-\(mode).db")
            try Self.makeTrace(pristine, audio: mode)
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: pristine)))
            let original = try #require(Self.logicalContent(pristine))
            #expect(try TraceVerifier.verify(path: pristine).isSound)
            let owners = try Self.pageOwners(pristine)
            #expect(Set(owners.keys).isSuperset(of: ["sessions", "chunks", "lanes", "marks", "checkpoints"]))
            let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
            var random = PRNG(seed: 0xF11B + UInt64(index))
            let picks = Self.offsets(
                fileSize: bytes.count, pageSize: pageSize, owners: owners, count: 520, seed: 0xF11B + UInt64(index))
            let path = directory.path("flipped.db")
            for (offset, owner) in picks {
                var damaged = bytes
                damaged[offset] ^= UInt8(1 + random.below(255))
                for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                try Data(damaged).write(to: URL(fileURLWithPath: path))
                let flip = "\(mode) audio, byte \(offset) (\(owner)) \(bytes[offset]) → \(damaged[offset])"
                outcomes[Self.check(path, original: original, flip: flip), default: 0] += 1
                ownersHit.insert(owner)
                total += 1
            }
        }
        #expect(total >= 1_000)
        #expect(ownersHit.isSuperset(of: ["sessions", "chunks", "lanes", "marks", "checkpoints", "file header"]))
        // Both outcomes occur: pages have free space, but most flips land in something that matters.
        #expect(outcomes[.refused, default: 0] > total / 4 && outcomes[.unchanged, default: 0] > 0, "\(outcomes)")
    }
}

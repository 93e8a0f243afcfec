import Foundation
import Recorder
import TestSupport
import Testing
import VoiceCore
import VoiceSim

@Suite("voicesim export-audio and query")
struct AudioQueryTests {
    let traces = RecordedTraces.shared

    @Test("the WAV is 16 kHz PCM16 with the right header, channels and length")
    func wavHeaderAndLength() throws {
        let reader = try TraceReader(path: traces.bargeIn)
        let tracks = try reader.audioTracks(session: 1)
        let last = try reader.events(session: 1).all().last!.time
        #expect(tracks.sampleCount >= AudioFormat.samples(micros: last.micros))
        // The played track's last sound ends by the session's end (nothing plays past hang-up + drain).
        #expect(tracks.sampleCount == AudioFormat.samples(micros: last.micros))
        #expect(tracks.mic.contains { $0 != 0 } && tracks.played.contains { $0 != 0 })
        let bytes = WAVFile.bytes(channels: [tracks.mic, tracks.played])
        func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        #expect(String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF" && u32(4) == bytes.count - 8)
        #expect(String(decoding: bytes[8..<16], as: UTF8.self) == "WAVEfmt " && u32(16) == 16 && u16(20) == 1)
        #expect(u16(22) == 2 && u32(24) == 16_000 && u32(28) == 64_000 && u16(32) == 4 && u16(34) == 16)
        #expect(String(decoding: bytes[36..<40], as: UTF8.self) == "data" && u32(40) == tracks.sampleCount * 4)
        // Interleaved: frame i holds mic[i] then played[i].
        let index = try #require(tracks.played.firstIndex { $0 != 0 })
        #expect(Int16(bitPattern: UInt16(u16(44 + 4 * index + 2))) == tracks.played[index])
        #expect(Int16(bitPattern: UInt16(u16(44 + 4 * index))) == tracks.mic[index])
    }

    @Test("playback stopped by the barge-in is silent after the stop")
    func bargeInCutsPlayback() throws {
        let reader = try TraceReader(path: traces.bargeIn)
        let tracks = try reader.audioTracks(session: 1)
        let stop = try #require(try reader.marks(session: 1).first { $0.kind == .interruption }).time
        let from = AudioFormat.samples(micros: stop.micros)
        let to = AudioFormat.samples(micros: stop.micros + 2_000_000)
        #expect(tracks.played[from - 800..<from].contains { $0 != 0 })
        #expect(tracks.played[from..<to].allSatisfy { $0 == 0 })
    }

    @Test("a hash-only trace gets a clear error where audio is needed")
    func hashOnlyRefused() throws {
        let error = #expect(throws: DebugError.self) { try TraceReader(path: traces.otherSeed).audioTracks(session: 1) }
        #expect(error?.description.contains("--audio hash") == true)
    }

    @Test("query runs read-only SQL over several traces and refuses writes")
    func queryReadOnly() throws {
        let query = try TraceQuery(paths: [traces.bargeIn, traces.otherSeed])
        let result = try query.run("SELECT trace, id, interruptions FROM sessions ORDER BY trace")
        #expect(result.columns == ["trace", "id", "interruptions"])
        #expect(result.rows.map { $0[0] } == [.text(traces.bargeIn), .text(traces.otherSeed)])
        #expect(result.rows.allSatisfy { $0[2] == .integer(1) })
        for write in ["DELETE FROM t0.marks", "UPDATE t1.sessions SET turns = 0", "DROP TABLE t0.chunks",
                      "CREATE TABLE t0.x (a)", "DELETE FROM marks"] {
            #expect(throws: DebugError.self) { try query.run(write) }
        }
        #expect(try query.run("SELECT count(*) FROM t0.marks").rows == [[.integer(8)]])
    }

    @Test("voicesim query exits 2 on a write and 0 with JSON rows", .enabled(if: voicesimBinary() != nil, "\(binaryMissing)"))
    func queryCommand() throws {
        let refused = try runVoicesim(["query", traces.bargeIn, "DELETE FROM t0.marks"])
        #expect(refused.status == 2 && refused.error.contains("read-only"))
        let json = try runVoicesim(["query", traces.bargeIn, traces.otherSeed, "SELECT id, turns FROM sessions", "--json"])
        #expect(json.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(rows.count == 2 && rows.allSatisfy { $0["turns"] as? Int == 4 })
        let audio = try runVoicesim(["export-audio", traces.otherSeed, "--out", traces.path("x.wav")])
        #expect(audio.status == 2 && audio.error.contains("hashes only"))
    }
}

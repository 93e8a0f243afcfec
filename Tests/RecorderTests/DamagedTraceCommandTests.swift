import Foundation
import Recorder
import TestSupport
import Testing

/// `voicesim verify`, `replay` and `inspect` on traces edited the way a hostile user would, with
/// any SQLite client: each edit is damage (exit 2, naming table and row), never a divergence
/// (exit 1) and never believed (exit 0).
@Suite("Damaged traces on the command line")
struct DamagedTraceCommandTests {
    static let edits: [(what: String, sql: String, table: String)] = [
        ("cost", "UPDATE sessions SET cost_usd = cost_usd + 1", "sessions"),
        ("turns", "UPDATE sessions SET turns = turns + 3", "sessions"),
        ("lost audio", "UPDATE sessions SET lost_audio_ms = lost_audio_ms + 250", "sessions"),
        ("pipeline", "UPDATE sessions SET pipeline = 'v1'", "sessions"),
        ("scenario text", "UPDATE sessions SET scenario_text = 'name: other'", "sessions"),
        ("final digest", "UPDATE sessions SET final_digest = '0123456789abcdef'", "sessions"),
        ("mark label", "UPDATE marks SET label = 'nothing happened' WHERE rowid = (SELECT min(rowid) FROM marks)",
         "marks"),
        ("checkpoint digest",
         "UPDATE checkpoints SET digest = '0123456789abcdef' WHERE rowid = (SELECT min(rowid) FROM checkpoints)",
         "checkpoints"),
        ("lane setup", "UPDATE lanes SET setup = substr(setup, 1, length(setup) - 1) || x'01'", "lanes"),
        ("audio nulled", "UPDATE chunks SET audio_payload = NULL, audio_checksum = NULL WHERE audio_count > 0",
         "chunks"),
    ]

    @Test("each edited column is damage for verify, replay and inspect (what it shows): exit 2 naming the table")
    func editedColumns() throws {
        let binary = try #require(voicesimBinary())
        let directory = TemporaryDirectory()
        let pristine = directory.path("pristine.db")
        try ByteFlipPropertyTests.makeTrace(pristine, audio: .full)
        let sound = try runVoicesim(binary, ["verify", pristine])
        #expect(sound.status == 0 && sound.output.contains(": sound: 1 session"), "\(sound.output)")
        #expect(try runVoicesim(binary, ["replay", pristine]).status == 0)
        for edit in Self.edits {
            let path = directory.path("edited.db")
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.copyItem(atPath: pristine, toPath: path)
            try SQLiteDatabase(path: path, flags: .readWrite).execute(edit.sql)
            let verify = try runVoicesim(binary, ["verify", path, "--json"])
            #expect(verify.status == 2, "\(edit.what): verify exited \(verify.status)")
            #expect(verify.output.contains("table \(edit.table)"), "\(edit.what): \(verify.output)")
            let object = try JSONSerialization.jsonObject(with: Data(verify.output.utf8)) as? [String: Any]
            #expect(object?["sound"] as? Bool == false)
            // inspect never shows checkpoints, so it has no reason to read them.
            for command in edit.table == "checkpoints" ? ["replay"] : ["replay", "inspect"] {
                let status = try runVoicesim(binary, [command, path]).status
                #expect(status == 2, "\(edit.what): \(command) exited \(status)")
            }
        }
    }
}

import Recorder
import Testing
import VoiceCore

/// The regression suite of recorded behaviour: every golden session must replay identically.
@Suite("Golden traces")
struct GoldenTraceTests {
    static var goldenPath: String {
        let file = "\(#filePath)"
        let root = file.firstRange(of: "/Tests/").map { String(file[..<$0.lowerBound]) } ?? "."
        return root + "/traces/golden.sqlite"
    }

    @Test("Every golden session replays identically against the current core")
    func goldenSessionsReplay() throws {
        let reader = try TraceReader(path: GoldenTraceTests.goldenPath)
        let sessions = try reader.sessions()
        #expect(sessions.count >= 4)
        for session in sessions {
            let report = try Replayer().replay(reader, session: session.id)
            #expect(report.isIdentical, "session \(session.id) \(session.header.scenarioName ?? "?"): \(report.divergence.map { "\($0)" } ?? "final digest differs")")
            #expect(report.eventsReplayed == session.eventCount)
        }
    }

    @Test("A core with different barge-in tuning diverges from the golden barge-in session")
    func alteredCoreDiverges() throws {
        let reader = try TraceReader(path: GoldenTraceTests.goldenPath)
        let session = try #require(try reader.sessions().first { $0.header.scenarioName == "v2-barge-in" })
        let stricterVAD = Replayer(makeMachines: { setup in
            var altered = setup
            altered.client.vad.speechFramesMin = 40
            return altered.makeMachines()
        })
        let report = try stricterVAD.replay(reader, session: session.id)
        #expect(!report.isIdentical)
        #expect(report.divergence != nil)
    }
}

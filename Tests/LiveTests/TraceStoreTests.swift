import Foundation
import Recorder
import Testing
import VoiceCore
@testable import VoiceLive

@Suite("live trace store")
struct TraceStoreTests {
    @Test("sessions go to a new file once the current one reaches the rotation size, and each file replays")
    func rotation() async throws {
        let directory = TemporaryDirectory()
        let base = directory.path("live.sqlite")
        let store = TraceStore(path: base, rotateBytes: 1, audio: .hash, report: { Issue.record("\($0)") })
        let setup = LaneSetup(client: ClientConfig(), clientSeed: 1, server: ServerConfig(), serverSeed: 2)
        for index in 0..<3 {
            let recording = store.begin(
                header: SessionHeader(origin: .live, codeVersion: "test", started: Instant(micros: Int64(index))),
                lanes: [setup])
            var machines = setup.makeMachines()
            let input = MachineInput.server(lane: 0, .clientConnected)
            let output = machines.apply(input, at: .millis(5))
            let snapshot = machines
            recording.record(input: input, output: output, at: .millis(5), digestAfter: machines.digest,
                             state: { snapshot.stateDigest })
            let finished = await recording.finish(
                SessionSummary(ended: .millis(5), finalDigest: SessionRecorder.finalDigest(of: [machines])),
                machines: machines)
            #expect(finished?.session == 1, "each file starts its own session ids")
        }
        let paths = [base, directory.path("live-2.sqlite"), directory.path("live-3.sqlite")]
        for path in paths {
            let replays = try replayAll(path)
            #expect(replays.count == 1 && replays.allSatisfy(\.isIdentical), "\(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("live-4.sqlite")))
    }
}

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

    @Test("with bytesMax (serve --max-mb) a session that would take its file past it stops being recorded, saying so")
    func sizeLimit() async throws {
        let directory = TemporaryDirectory()
        let base = directory.path("live.sqlite")
        var options = TraceStore.liveOptions
        options.chunkRawBytesTarget = 1
        options.bytesMax = 200_000
        let reports = AlertLog()
        let store = TraceStore(path: base, rotateBytes: options.bytesMax, audio: .hash, options: options,
                               report: { reports.append($0) })
        let setup = LaneSetup(client: ClientConfig(), clientSeed: 1, server: ServerConfig(), serverSeed: 2)
        let recording = store.begin(header: SessionHeader(origin: .live, codeVersion: "test"), lanes: [setup])
        var machines = setup.makeMachines()
        let input = MachineInput.server(lane: 0, .clientConnected)
        let output = machines.apply(input, at: .millis(5))
        let snapshot = machines
        // One commit per record: each adds a few pages to the -wal until the limit refuses one.
        for index in 0..<2_000 {
            recording.record(input: input, output: output, at: .millis(5 + Int64(index)), digestAfter: machines.digest,
                             state: { snapshot.stateDigest })
        }
        await store.drain()
        #expect(reports.lines.count == 1)
        #expect(reports.lines.first?.contains("would grow past its limit") == true, "\(reports.lines)")
        #expect(FileIdentity.bytes(base) + FileIdentity.bytes(base + "-wal") <= 200_000)
        let finished = await recording.finish(
            SessionSummary(ended: .millis(5), finalDigest: SessionRecorder.finalDigest(of: [machines])), machines: machines)
        #expect(finished == nil, "a stopped recording is not finished")
    }
}

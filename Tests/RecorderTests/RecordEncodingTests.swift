import Recorder
import TestSupport
import Testing
import VoiceCore

@Suite("Record encoding")
struct RecordEncodingTests {
    /// A lane setup whose every value is valid (decoding refuses the rest).
    static func setup(_ random: inout RandomValues) -> LaneSetup {
        let backoffBase = Int64(1 + random.below(1_000_000))
        let client = ClientConfig(
            userID: random.string(), pipeline: random.pipeline(),
            backoff: BackoffPolicy(
                baseMicros: backoffBase, factor: Int64(1 + random.below(5)),
                capMicros: backoffBase + Int64(random.below(10_000_000)), attemptsMax: 1 + random.below(20)),
            connectTimeoutMicros: Int64(random.below(20_000_000)),
            keepaliveIntervalMicros: Int64(random.below(5_000_000)),
            livenessTimeoutMicros: Int64(random.below(9_000_000)), replayBufferMicros: Int64(random.below(10_000_000)),
            vad: VADConfig(
                thresholdEnergy: random.uint32(), speechFramesMin: random.below(30), gapFramesMax: random.below(10),
                hangoverFrames: random.below(40)))
        let server = ServerConfig(
            resumeGraceMicros: Int64(random.below(60_000_000)), speculativeHoldMicros: Int64(random.below(1_000_000)),
            sttKeepaliveIntervalMicros: Int64(random.below(10_000_000)),
            llmFirstTokenTimeoutMicros: Int64(random.below(10_000_000)), llmAttemptsMax: random.below(5),
            outboxMessagesMax: random.below(2_000), historyTurnsMax: random.below(50),
            models: random.providerModels())
        return LaneSetup(client: client, clientSeed: random.prng.next(), server: server, serverSeed: random.prng.next())
    }

    /// Random inputs with random actions (not what a machine would do: the encoding must not care).
    static func events(_ random: inout RandomValues, lanes: Int, count: Int) -> [(Instant, MachineInput, MachineOutput)]
    {
        var time = Instant(micros: Int64(random.below(1_000)))
        var events: [(Instant, MachineInput, MachineOutput)] = []
        for _ in 0..<count {
            time = time + Int64(random.pick([0, 0, 1, 100_000, random.below(3_000_000)]))
            let lane = UInt32(random.below(lanes))
            if random.bool() {
                let actions = (0..<random.pick([0, 1, 2, random.below(8)])).map { _ in random.clientAction() }
                events.append((time, .client(lane: lane, random.clientEvent()), .client(actions)))
            } else {
                let actions = (0..<random.pick([0, 1, 2, random.below(8)])).map { _ in random.serverAction() }
                events.append((time, .server(lane: lane, random.serverEvent()), .server(actions)))
            }
        }
        return events
    }

    @Test(
        "random inputs and actions of several lanes read back exactly, in both audio modes",
        arguments: SessionHeader.AudioMode.allCases)
    func randomStreams(mode: SessionHeader.AudioMode) throws {
        let directory = TemporaryDirectory()
        let path = directory.path("random.db")
        for seed in UInt64(1)...12 {
            var random = RandomValues(seed: seed, reusesChunks: true, summaryOnlyChunks: true)
            let lanes = (0..<(1 + random.below(4))).map { _ in Self.setup(&random) }
            let events = Self.events(&random, lanes: lanes.count, count: 150 + random.below(300))
            let writer = try TraceWriter(path: path, options: .init(chunkRawBytesTarget: 1 + random.below(20_000)))
            let recorder = try SessionRecorder(
                writer: writer, header: SessionHeader(origin: .sim, seed: seed, codeVersion: "test"), lanes: lanes,
                audio: mode, checkpointInterval: Int64(1 + random.below(50)))
            for (time, input, output) in events {
                try recorder.record(input: input, output: output, at: time, digestAfter: seed)
            }
            try recorder.finish(SessionSummary(ended: events.last!.0, finalDigest: seed))
            let reader = try TraceReader(path: path)
            #expect(try reader.session(id: recorder.sessionID).header.lanes == lanes, "seed \(seed)")
            let read = try reader.events(session: recorder.sessionID).all()
            #expect(read.count == events.count, "seed \(seed)")
            for (index, (event, written)) in zip(read, events).enumerated() {
                guard event.index == Int64(index), event.time == written.0, event.input == written.1,
                    event.output == written.2
                else {
                    Issue.record("seed \(seed) event \(index): read \(event), wrote \(written)")
                    break
                }
            }
            if mode == .full {
                let withSamples = try reader.recordedAudio(session: recorder.sessionID).filter(\.hasSamples)
                let original = Dictionary(
                    random.chunks.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first })
                for chunk in withSamples { #expect(chunk.samples == original[chunk.fingerprint]?.samples) }
            }
        }
    }

    @Test("lane setups round-trip through their canonical encoding; invalid ones are refused by the recorder")
    func laneSetups() throws {
        var random = RandomValues(seed: 99, reusesChunks: true, summaryOnlyChunks: true)
        for _ in 0..<200 {
            let setup = Self.setup(&random)
            #expect(try LaneSetup.decode(setup.canonicalBytes()) == setup)
        }
        var negative = Self.setup(&random)
        negative.server.historyTurnsMax = -1
        let directory = TemporaryDirectory()
        let writer = try TraceWriter(path: directory.path("bad.db"))
        let error = traceError {
            _ = try SessionRecorder(
                writer: writer, header: SessionHeader(origin: .sim, codeVersion: "test"), lanes: [negative],
                audio: .hash)
        }
        guard case .unrecordable(let reason) = error else {
            Issue.record("expected .unrecordable, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("historyTurnsMax"))
    }

    @Test("every truncation and byte flip of a lane setup decodes or throws, never traps")
    func laneSetupDamage() {
        var random = RandomValues(seed: 5, reusesChunks: true, summaryOnlyChunks: true)
        let bytes = Self.setup(&random).canonicalBytes()
        for length in 0..<bytes.count { _ = try? LaneSetup.decode(Array(bytes[..<length])) }
        for _ in 0..<2_000 {
            var damaged = bytes
            damaged[random.below(damaged.count)] ^= UInt8(1 + random.below(255))
            _ = try? LaneSetup.decode(damaged)
        }
        // A backoff whose cap is below its base would trap in `BackoffPolicy.init`: decoding refuses it.
        var writer = ByteWriter()
        for value: Int64 in [1_000, 2, 10, 3] { writer.writeSignedVarint(value) }
        #expect(throws: DecodeError.self) { _ = try BackoffPolicy.decode(writer.bytes) }
    }
}

import Foundation
import Recorder
import TestSupport
import Testing
import VoiceCore

@Suite("Record and replay")
struct ReplayTests {
    @Test("a synthetic call covers hello, admission, audio, partials, final, tokens, TTS, barge-in, drop and resume")
    func coverage() {
        var call = SyntheticCall(seed: 3, durationMicros: 40_000_000)
        let kinds = Set(call.all().map { kind(of: $0.input) })
        let expected = [
            "server.received.ClientMessage.hello", "server.admission.Admission.granted", "client.micCaptured.audio",
            "server.received.ClientMessage.audio", "client.received.ServerMessage.ack", "server.stt.STTEvent.partial",
            "server.stt.STTEvent.final", "server.llm.LLMEvent.token", "server.tts.TTSEvent.audio",
            "client.received.ServerMessage.responseAudio", "client.timerFired.ClientTimer.playbackChunkEnd",
            "server.received.ClientMessage.interrupt", "client.disconnected.DisconnectReason.networkError",
            "server.clientDisconnected", "client.timerFired.ClientTimer.reconnectBackoff",
            "server.received.ClientMessage.resume", "client.callEnded", "server.received.ClientMessage.bye",
        ]
        #expect(Set(expected).subtracting(kinds).isEmpty, "missing: \(Set(expected).subtracting(kinds).sorted())")
    }

    @Test(
        "a recorded call reads back event for event and replays identically",
        arguments: SessionHeader.AudioMode.allCases)
    func roundTrip(mode: SessionHeader.AudioMode) throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let recorded = try recordSynthetic(path: path, seed: 11, audio: mode)
        let reader = try TraceReader(path: path)
        let events = try reader.events(session: recorded.id).all()
        #expect(events.count == recorded.steps.count)
        for (index, (event, step)) in zip(events, recorded.steps).enumerated() {
            guard event.index == Int64(index), event.time == step.time, event.input == step.input,
                event.output == step.output
            else {
                Issue.record("event \(index) reads back as \(event), recorded \(step.input) → \(step.output)")
                return
            }
        }
        let report = try Replayer().replay(reader, session: recorded.id)
        #expect(report.isIdentical && report.divergence == nil)
        #expect(report.eventsReplayed == Int64(recorded.steps.count) && report.eventsRecorded == report.eventsReplayed)
        #expect(report.recordingFinished)
        #expect(report.finalDigest == SessionRecorder.finalDigest(of: [recorded.call.machines]))
        #expect(report.recordedFinalDigest == report.finalDigest)
        #expect(report.checkpointsMatched == recorded.steps.count / 100 + (recorded.steps.count % 100 == 0 ? 0 : 1))
        #expect(report.lastTime == recorded.steps.last!.time)
    }

    @Test(
        "audio is stored once per session: with its samples in full mode, as its summary in hash mode",
        arguments: SessionHeader.AudioMode.allCases)
    func audioOnce(mode: SessionHeader.AudioMode) throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let recorded = try recordSynthetic(path: path, seed: 12, audio: mode)
        var distinct: [AudioChunk] = []
        var seen: Set<UInt64> = []
        for step in recorded.steps {
            let chunks = [audio(in: step.input)] + audio(in: step.output)
            for case let chunk? in chunks where seen.insert(chunk.fingerprint).inserted { distinct.append(chunk) }
        }
        let reader = try TraceReader(path: path)
        let stored = try reader.recordedAudio(session: recorded.id)
        #expect(stored == distinct)
        let session = try reader.session(id: recorded.id)
        switch mode {
        case .full:
            #expect(stored.map(\.samples) == distinct.map(\.samples))
            #expect(session.audioCount == Int64(distinct.count))
            let pcmBytes = distinct.reduce(0) { $0 + $1.sampleCount * 2 }
            #expect(
                session.audioStoredBytes < pcmBytes * 6 / 10,
                "full audio stores \(session.audioStoredBytes) bytes for \(pcmBytes) of PCM")
        case .hash:
            #expect(stored.allSatisfy { !$0.hasSamples })
            #expect(session.audioCount == 0 && session.audioStoredBytes == 0)
        }
    }

    @Test("a core with another speculative hold diverges at the first event it handles differently")
    func alteredCore() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let recorded = try recordSynthetic(path: path, seed: 13, audio: .hash, checkpointInterval: 20)
        let altered: (LaneSetup) -> LaneMachines = { setup in
            var setup = setup
            setup.server.speculativeHoldMicros = 100_000
            return setup.makeMachines()
        }
        // Where the altered core first differs, found independently of the replayer.
        var machines = altered(recorded.call.setup)
        var expectedIndex: Int?
        var actual: MachineOutput?
        for (index, step) in recorded.steps.enumerated() {
            let output = machines.apply(step.input, at: step.time)
            if output != step.output {
                expectedIndex = index
                actual = output
                break
            }
        }
        let index = try #require(expectedIndex)
        let report = try Replayer(makeMachines: altered).replay(TraceReader(path: path), session: recorded.id)
        let divergence = try #require(report.divergence)
        #expect(!report.isIdentical)
        #expect(divergence.kind == .actions)
        #expect(divergence.session == recorded.id && divergence.lane == 0)
        #expect(divergence.eventIndex == Int64(index) && divergence.time == recorded.steps[index].time)
        #expect(divergence.input == recorded.steps[index].input)
        #expect(divergence.expected == recorded.steps[index].output && divergence.actual == actual)
        #expect(divergence.context.map(\.index) == Array(Int64(index - 10)..<Int64(index)))
        #expect(divergence.context.map(\.input) == recorded.steps[(index - 10)..<index].map(\.input))
        let lastMatching = try #require(divergence.lastMatchingCheckpoint)
        #expect(lastMatching.eventIndex < Int64(index) && lastMatching.eventIndex >= Int64(index) - 20)
        let differing = try #require(divergence.firstDifferingCheckpoint)
        #expect(differing.recorded.eventIndex >= Int64(index) && differing.recorded.eventIndex < Int64(index) + 20)
        #expect(!differing.matches)
        #expect(report.eventsReplayed == differing.recorded.eventIndex + 1)
    }

    @Test("a trace whose lane setup differs from the recording's core diverges, and the report shows both sides")
    func alteredSetup() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        // Record with the default core, but store a setup with a longer hold: replay builds that.
        var call = SyntheticCall(seed: 14, durationMicros: 30_000_000)
        var stored = call.setup
        stored.server.speculativeHoldMicros = 50_000
        let writer = try TraceWriter(path: path)
        let recorder = try SessionRecorder(
            writer: writer, header: SessionHeader(origin: .sim, codeVersion: "test"), lanes: [stored], audio: .hash)
        while let step = call.next() {
            try recorder.record(input: step.input, output: step.output, at: step.time, digestAfter: step.digestAfter)
        }
        try recorder.finish(SessionSummary(ended: .zero, finalDigest: SessionRecorder.finalDigest(of: [call.machines])))
        let report = try Replayer(contextCount: 3).replay(TraceReader(path: path), session: recorder.sessionID)
        let divergence = try #require(report.divergence)
        #expect(divergence.context.count == 3)
        let text = divergence.description
        #expect(text.contains("session \(recorder.sessionID), lane 0, event \(divergence.eventIndex)"))
        #expect(text.contains("expected (recorded):") && text.contains("actual (replayed):"))
        #expect(text.contains("speculativeHold"))
        #expect(text.contains("last matching checkpoint"))
        #expect(!text.contains("VoiceCore."))
    }

    @Test("a session whose recorder died replays up to its last committed chunk and says it was not finished")
    func unfinished() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        var call = SyntheticCall(seed: 15, durationMicros: 20_000_000)
        var committed = 0
        do {
            let writer = try TraceWriter(path: path, options: .init(chunkRawBytesTarget: 4_000))
            let recorder = try SessionRecorder(
                writer: writer, header: SessionHeader(origin: .live, codeVersion: "test"), lanes: [call.setup],
                audio: .full)
            for _ in 0..<1_500 {
                guard let step = call.next() else { break }
                try recorder.record(
                    input: step.input, output: step.output, at: step.time, digestAfter: step.digestAfter)
            }
            committed = Int(try TraceReader(path: path).session(id: recorder.sessionID).eventCount)
        }  // dropped without finish: the pending batch is lost, as in a crash
        #expect(committed > 0 && committed < 1_500)
        let report = try Replayer().replay(TraceReader(path: path), session: 1)
        #expect(report.isIdentical && !report.recordingFinished && report.recordedFinalDigest == nil)
        #expect(report.eventsReplayed == Int64(committed))
    }
}

/// The audio chunk an input carries, if any.
func audio(in input: MachineInput) -> AudioChunk? {
    switch input {
    case .client(_, .micCaptured(let chunk)), .client(_, .received(.responseAudio(_, let chunk))),
        .server(_, .received(.audio(_, let chunk))), .server(_, .tts(.audio(_, let chunk, _))):
        chunk
    default: nil
    }
}

/// The audio chunks the actions carry, in order.
func audio(in output: MachineOutput) -> [AudioChunk?] {
    switch output {
    case .client(let actions):
        actions.map { action in
            switch action {
            case .send(.audio(_, let chunk)), .play(_, let chunk): chunk
            default: nil
            }
        }
    case .server(let actions):
        actions.map { action in
            switch action {
            case .send(.responseAudio(_, let chunk)), .stt(.audio(_, let chunk)): chunk
            default: nil
            }
        }
    }
}

import Recorder
import Testing
import VoiceCore
import VoiceSim

@Suite("State checkpoints")
struct StateCheckpointTests {
    /// A core whose LLM input estimate uses a different system prompt: every reply's state (and a
    /// cancelled attempt's bill) changes at once, while no action changes until the session's usage
    /// is handed over at its very end.
    static func plantedBillingChange(_ setup: LaneSetup) -> LaneMachines {
        var altered = setup
        altered.server.llmSystemPromptTokens += 1
        return altered.makeMachines()
    }

    @Test("Checkpoints store both machines' state digests, and an unchanged core matches them all")
    func checkpointsCarryState() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let (session, _) = try recordSimulation("v2-barge-in", path: path, audio: .hash)
        let reader = try TraceReader(path: path)
        let checkpoints = try reader.checkpoints(session: session)
        #expect(checkpoints.count >= 3)
        #expect(checkpoints.allSatisfy { $0.state != nil })
        let report = try Replayer().replay(reader, session: session)
        #expect(report.isIdentical)
        #expect(report.checkpointsMatched == checkpoints.count)
    }

    @Test("A state change with no action change is named at the first checkpoint after its cause")
    func stateDivergenceLocalised() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("trace.db")
        let (session, _) = try recordSimulation("v2-barge-in", path: path, audio: .hash)
        let reader = try TraceReader(path: path)
        let events = try reader.events(session: session).all()
        let lanes = try reader.session(id: session).header.lanes

        // The cause, found independently: the first event after which the planted core's state
        // differs from the recorded core's; and the first event whose actions differ.
        var original = lanes.map { $0.makeMachines() }
        var planted = lanes.map(Self.plantedBillingChange)
        var cause: Int64?
        var firstActionChange: Int64?
        for event in events {
            let lane = Int(event.input.lane)
            let expected = original[lane].apply(event.input, at: event.time)
            let actual = planted[lane].apply(event.input, at: event.time)
            if firstActionChange == nil, expected != actual { firstActionChange = event.index }
            if cause == nil, original[lane].stateDigest != planted[lane].stateDigest { cause = event.index }
        }
        let causeIndex = try #require(cause)
        let checkpointInterval: Int64 = 1_000
        #expect((firstActionChange ?? Int64.max) > causeIndex + checkpointInterval,
                "the planted change must stay invisible in actions for longer than a checkpoint interval")

        let report = try Replayer(makeMachines: Self.plantedBillingChange).replay(reader, session: session)
        let divergence = try #require(report.divergence)
        #expect(divergence.kind == .checkpointState)
        #expect(divergence.eventIndex >= causeIndex && divergence.eventIndex < causeIndex + checkpointInterval,
                "cause at event \(causeIndex), reported at \(divergence.eventIndex)")
        #expect(divergence.firstDifferingCheckpoint?.machinesWithDifferentState == ["server"])
        #expect((divergence.lastMatchingCheckpoint?.eventIndex ?? -1) < causeIndex)
        #expect(divergence.description.contains("state of the lane's server"), "\(divergence.description)")
    }
}

import Testing
import VoiceCore
import VoiceSim
import VoiceSimTesting

/// The library users call from their own tests.
@Suite("VoiceSimTesting")
struct VoiceSimTestingTests {
    @Test("Replay.expectIdentical passes on a golden and fails, with the divergence, on a changed core")
    func expectIdentical() throws {
        let trace = GoldenFixtures.goldenDirectory + "/v2-barge-in.sqlite"
        try Replay.expectIdentical(trace: trace, session: 1)
        let stricter = CoreChange("barge-in after 280 ms of speech") { $0.client.vad.speechFramesMin = 14 }
        #expect {
            try Replay.expectIdentical(trace: trace, core: stricter)
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("\(trace) session 1 diverged with barge-in after 280 ms of speech")
                && message.contains("expected (recorded):") && message.contains("actual (replayed):")
        }
        #expect(throws: VoiceSimTestFailure.self) { try Replay.expectIdentical(trace: trace, session: 9) }
    }

    @Test("A scenario run checks expectations by sentence and by function, failing with what it found")
    func scenarioRun() throws {
        let run = try ScenarioRun("v2-barge-in")
        try run.expectNoInvariantViolations()
        try run.expect("exactly 1 interruption")
        try run.expectPlaybackStops(withinMillis: 20)
        try run.expectHistoryHoldsOnlyPlayedText()
        try run.expectNoMicAudioLost()
        try run.expectTurn(2, answeredWithinMillis: 2_500)
        try run.expectCost(microUSD: run.result.costMicroUSD, tolerancePercent: 1)
        #expect(run.result.interruptions == 1)
        let interrupted = try #require(run.result.turns.first { $0.interrupted }?.responseID)
        #expect {
            try run.expectInterruptions(exactly: 2)
        } throws: { error in
            "\(error)" == "v2-barge-in: expected exactly 2 interruptions\n  found 1 interruption (response \(interrupted))"
        }
        #expect(throws: VoiceSimTestFailure.self) { try run.expect("turn 2 answered within 1 s") }
    }
}

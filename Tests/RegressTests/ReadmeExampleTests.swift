import Testing
import VoiceCore
import VoiceSim
import VoiceSimTesting

// The example test of the README, verbatim: it must keep compiling and passing. Paths are
// relative to the package root, where `swift test` runs.
@Suite struct BargeInRegressions {
    @Test func goldenReplaysBitForBit() throws {
        try Replay.expectIdentical(trace: "traces/golden/v2-barge-in.sqlite", session: 1)
    }

    @Test func bargeInBehaviour() throws {
        let run = try ScenarioRun("v2-barge-in")            // a built-in or a scenario file
        try run.expectNoInvariantViolations()
        try run.expectInterruptions(exactly: 1)
        try run.expectPlaybackStops(withinMillis: 20)
        try run.expectHistoryHoldsOnlyPlayedText()
        try run.expectNoMicAudioLost()
        try run.expect("turn 2 answered within 2.5 s")     // any sentence of an .expect.yaml
        #expect(run.result.turns.count == 4)
    }

    @Test func tuningTheVADKeepsTheGoldensGreen() throws {
        let stricter = CoreChange("barge-in after 280 ms of speech") { $0.client.vad.speechFramesMin = 14 }
        let report = try GoldenSuite.run(["traces/golden"], core: stricter)
        #expect(report.failed == 12, "\(report.text)")      // which goldens notice, and why
        try GoldenSuite.expectAllPass("traces/golden")        // the unchanged core passes them all
    }
}

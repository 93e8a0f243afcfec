import VoiceSim

/// The expectation checks of `voicesim regress`, as throwing functions on a run: each throws a
/// `VoiceSimTestFailure` naming the expectation and what the run showed instead.
extension ScenarioRun {
    /// Checks an expectation written as in an `.expect.yaml` ("turn 2 answered within 2 s").
    public func expect(_ sentence: String) throws {
        guard let expectation = GoldenExpectation(sentence: sentence) else {
            throw VoiceSimTestFailure("no expectation reads \"\(sentence)\"", details: GoldenExpectation.sentenceExamples)
        }
        try expect(expectation, named: sentence)
    }

    /// Checks `expectation`; `name` labels it in the failure (default: its kind).
    public func expect(_ expectation: GoldenExpectation, named name: String? = nil) throws {
        let result = expectation.check(facts, sentence: name ?? "\(expectation)")
        guard result.passed else {
            throw VoiceSimTestFailure("\(scenario.name): expected \(result.sentence)", details: ["found \(result.found)"])
        }
    }

    /// "playback stops within N ms of speech onset"
    public func expectPlaybackStops(withinMillis millis: Int64) throws {
        try expect(.playbackStopsAfterOnset(withinMicros: millis * 1_000),
                   named: "playback stops within \(millis) ms of speech onset")
    }

    /// "history holds only played text"
    public func expectHistoryHoldsOnlyPlayedText() throws {
        try expect(.historyHoldsOnlyPlayedText, named: "history holds only played text")
    }

    /// "no mic audio lost"
    public func expectNoMicAudioLost() throws { try expect(.noMicAudioLost, named: "no mic audio lost") }

    /// "turn N answered within X ms"
    public func expectTurn(_ turn: Int, answeredWithinMillis millis: Int64) throws {
        try expect(.turnAnswered(turn: turn, .atMost(millis * 1_000)), named: "turn \(turn) answered within \(millis) ms")
    }

    /// "exactly N interruptions"
    public func expectInterruptions(exactly count: Int) throws {
        try expect(.interruptions(.exactly(count)), named: "exactly \(count) interruption\(count == 1 ? "" : "s")")
    }

    /// "cost $X ± P %", with the cost in micro-dollars and the tolerance in whole percent.
    public func expectCost(microUSD: Int64, tolerancePercent: Int64) throws {
        try expect(.cost(.pinned(microUSD, toleranceBasisPoints: tolerancePercent * 100)),
                   named: "cost $\(Double(microUSD) / 1_000_000) ± \(tolerancePercent) %")
    }
}

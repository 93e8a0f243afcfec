import Recorder
import Testing
import VoiceCore
import VoiceSim

@Suite("GoldenExpectation sentences")
struct ExpectationTests {
    @Test("The sentences from the issue read as the expectations they say")
    func issueSentences() {
        #expect(GoldenExpectation(sentence: "playback stops within 20 ms of speech onset") == .playbackStopsAfterOnset(withinMicros: 20_000))
        #expect(GoldenExpectation(sentence: "history holds only played text") == .historyHoldsOnlyPlayedText)
        #expect(GoldenExpectation(sentence: "no mic audio lost") == .noMicAudioLost)
        #expect(GoldenExpectation(sentence: "turn 2 answered within 2 s") == .turnAnswered(turn: 2, .atMost(2_000_000)))
        #expect(GoldenExpectation(sentence: "exactly one interruption") == nil)
        #expect(GoldenExpectation(sentence: "exactly 1 interruption") == .interruptions(.exactly(1)))
        #expect(GoldenExpectation(sentence: "cost $0.05 ± 1 %") == .cost(.pinned(50_000, toleranceBasisPoints: 100)))
        #expect(GoldenExpectation(sentence: "Turn 3  answered within 1.5 s") == .turnAnswered(turn: 3, .atMost(1_500_000)))
    }

    @Test("A pin's sentence reads back as the same pin; guards have none")
    func pinRoundTrip() {
        let pins: [GoldenExpectation] = [
            .cost(.pinned(12_345, toleranceBasisPoints: 150)), .turnAnswered(turn: 2, .pinned(1_650_000, toleranceBasisPoints: 1_000)),
            .longestReconnect(.pinned(298_000, toleranceBasisPoints: 1_000)), .lostAudio(.pinned(3_300_000, toleranceBasisPoints: 500)),
            .bargeInStop(.pinned(246_000, toleranceBasisPoints: 1_000)),
        ]
        for pin in pins {
            #expect(pin.isPin)
            let sentence = pin.pinSentence ?? ""
            #expect(GoldenExpectation(sentence: sentence) == pin, "\(sentence)")
        }
        #expect(GoldenExpectation.noMicAudioLost.pinSentence == nil && !GoldenExpectation.noMicAudioLost.isPin)
    }

    @Test("Bounds: a ceiling admits up to it, a pin within its tolerance either way")
    func bounds() {
        #expect(GoldenExpectation.Bound.atMost(2_000).admits(2_000) && !GoldenExpectation.Bound.atMost(2_000).admits(2_001))
        let pin = GoldenExpectation.Bound.pinned(10_000, toleranceBasisPoints: 100)
        #expect(pin.admits(10_100) && pin.admits(9_900) && !pin.admits(10_101) && !pin.admits(9_899))
        #expect(GoldenExpectation.Bound.pinned(0, toleranceBasisPoints: 100).admits(0))
        #expect(!GoldenExpectation.Bound.pinned(0, toleranceBasisPoints: 100).admits(1))
    }

    @Test("An expectations file with an unknown sentence is refused with file, line, field and the accepted forms")
    func badSentence() throws {
        let directory = try GoldenFixtures.copy()
        let path = directory + "/daily-cap.expect.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "  - exactly 1 refusal\n", with: "  - exactly one refusal\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            try GoldenCase.discover([path])
        } throws: { error in
            let message = "\(error)"
            return message.contains("daily-cap.expect.yaml:") && message.contains("expectations[0]")
                && message.contains("no expectation reads \"exactly one refusal\"") && message.contains("exactly 1 interruption")
        }
    }

    @Test("A turn the server gave up with provider_failed passes only the sentence that allows it, and only with the error")
    func providerFailedTurn() throws {
        #expect(GoldenExpectation(sentence: "every turn answered or told the provider failed")
            == .answeredOrProviderFailed(turn: nil))
        #expect(GoldenExpectation(sentence: "turn 7 answered or told the provider failed") == .answeredOrProviderFailed(turn: 7))
        #expect(GoldenExpectation(sentence: "turn 0 answered or told the provider failed") == nil)
        // Fuzz seed 0x808: the LLM failed turn 7 three times; the server told the caller so.
        let trace = GoldenFixtures.goldenDirectory + "/fuzz-0x808-llm-failed-error.sqlite"
        let facts = try SessionFacts.load(try TraceReader(path: trace), session: nil)
        let told = GoldenExpectation.answeredOrProviderFailed(turn: nil).check(facts, sentence: "told")
        #expect(told.passed && told.found.contains("told the provider failed: lane 0 turn 7"), "\(told.found)")
        let turn7 = GoldenExpectation.answeredOrProviderFailed(turn: 7).check(facts, sentence: "turn 7")
        #expect(turn7.passed && turn7.found == "told the provider failed: lane 0 turn 7 "
                + "'Is there a train that leaves before nine?'", "\(turn7.found)")
        let strict = GoldenExpectation.everyTurnAnswered.check(facts, sentence: "strict")
        #expect(!strict.passed && strict.found.contains("turn 7"), "\(strict.found)")

        var silent = facts
        silent.events.removeAll { event in
            guard case .client(_, .received(.error(let code, _))) = event.input else { return false }
            return code == .providerFailed
        }
        #expect(silent.events.count < facts.events.count)
        let unanswered = GoldenExpectation.answeredOrProviderFailed(turn: 7).check(silent, sentence: "silent")
        #expect(!unanswered.passed && unanswered.found == "unanswered: lane 0 turn 7 'Is there a train that leaves before nine?'",
                "\(unanswered.found)")
    }
}

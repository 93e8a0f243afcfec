import ProviderWire
import Testing
import VoiceCore
@testable import VoiceLive
import VoiceSim

@Suite("The STT stand-in's recogniser")
struct KeytermRecognizerTests {
    private func run(_ phrases: [String], audio: [AudioChunk], declared: [String]? = nil) -> [DeepgramMessage] {
        var recognizer = KeytermRecognizer(
            phrases: declared ?? phrases, config: .init(options: DeepgramStreamOptions(vadEvents: true)))
        return audio.flatMap { recognizer.audio($0.samples) }
    }

    private func transcripts(_ messages: [DeepgramMessage], final: Bool) -> [String] {
        messages.compactMap { message in
            if case .results(let results) = message, results.isFinal == final { results.transcript } else { nil }
        }
    }

    @Test("Synthetic speech is heard as the declared phrases in order, words revealed as they are spoken")
    func hearsSyntheticSpeech() {
        let phrases = ["book a table for two", "at seven tonight please"]
        let messages = run(phrases, audio: micChunks(phrases, coughs: [.millis(4_000)]))
        #expect(transcripts(messages, final: true) == phrases)
        // One more word each time a word of the first phrase is heard.
        let interims = transcripts(messages, final: false)
        #expect(Array(interims.prefix(5)) == ["book", "book a", "book a table", "book a table for", "book a table for two"])
        #expect(interims.count == 9)
        let finals = messages.compactMap { if case .results(let r) = $0, r.isFinal { r } else { nil } }
        #expect(finals.allSatisfy { $0.speechFinal && $0.words.count == $0.transcript.split(separator: " ").count })
        let ends = messages.filter { if case .utteranceEnd = $0 { true } else { false } }
        let starts = messages.filter { if case .speechStarted = $0 { true } else { false } }
        #expect(ends.count == 2 && starts.count == 2)
    }

    @Test("The speech-final result comes 300 ms of silence after the last word; UtteranceEnd 1000 ms after it")
    func endpointTiming() {
        let messages = run(["hello there"], audio: micChunks(["hello there"]))
        guard case .results(let final)? = messages.first(where: { if case .results(let r) = $0 { r.speechFinal } else { false } }),
            case .utteranceEnd(let lastWordEnd)? = messages.first(where: { if case .utteranceEnd = $0 { true } else { false } })
        else {
            Issue.record("no final or no UtteranceEnd in \(messages)")
            return
        }
        let lastWord = final.words.last?.end ?? 0
        #expect(lastWordEnd == lastWord)
        // The final covers the speech plus the 300 ms endpointing window (15 frames).
        #expect(abs(final.start + final.duration - (lastWord + 0.3)) < 0.021)
    }

    @Test("A cough alone is not an utterance, and speech past the declared phrases is heard as nothing")
    func coughsAndUndeclaredSpeech() {
        let coughOnly = run(["unused"], audio: Array(micChunks(["x"], coughs: [.millis(100)]).prefix(3)))
        #expect(coughOnly.isEmpty)
        let extra = run(["one two"], audio: micChunks(["one two", "three four"]), declared: ["one two"])
        #expect(transcripts(extra, final: true) == ["one two", ""])
    }

    @Test("Finalize ends the utterance with the words heard so far")
    func finalize() {
        let chunks = micChunks(["book a table for two"])
        var recognizer = KeytermRecognizer(phrases: ["book a table for two"], config: .init(options: DeepgramStreamOptions()))
        var interims: [String] = []
        for chunk in chunks.prefix(10) {
            for case .results(let results) in recognizer.audio(chunk.samples) { interims.append(results.transcript) }
        }
        let flushed = recognizer.finalize()
        guard case .results(let results)? = flushed.first else {
            Issue.record("no result from Finalize")
            return
        }
        #expect(results.isFinal && results.fromFinalize && !results.speechFinal)
        #expect(results.transcript == interims.last)
        #expect(recognizer.utteranceIndex == 1)
        #expect(recognizer.finalize().isEmpty)
    }
}

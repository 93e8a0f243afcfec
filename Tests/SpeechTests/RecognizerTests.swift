import Foundation
import Speech
import TestSupport
import Testing

extension SpeechTestSuite {
@Suite("pocketsphinx recognition")
struct RecognizerTests {
    static let phrases = ["tell me a joke", "what time is it", "thank you very much", "hello there my friend"]

    @Test("a grammar of the declared phrases hears each spoken phrase exactly")
    func grammarHearsPhrases() throws {
        let configuration = RecognizerConfiguration(vocabulary: .phrases(RecognizerTests.phrases))
        for phrase in RecognizerTests.phrases {
            #expect(try Recognizer.transcribe(try Synthesizer.speak(phrase).samples, configuration) == phrase)
        }
    }

    @Test("a stream of three utterances gives three finals with interim results, the same however it is cut")
    func streamingEndpoints() throws {
        let stream = try SpokenStream(Array(RecognizerTests.phrases.prefix(3)))
        let configuration = RecognizerConfiguration(vocabulary: .phrases(RecognizerTests.phrases), endpointMillis: 300)
        let byChunk = try stream.events(configuration, messageSamples: 1_600)
        #expect(byChunk.finals == stream.phrases)
        #expect(byChunk.partials.count >= 3, "\(byChunk)")
        // Interim results are prefixes-in-progress of the utterance, never later phrases.
        #expect(byChunk.partials.allSatisfy { partial in stream.phrases.contains { $0.hasPrefix(partial) || partial == $0 } })
        // Messages of 37 samples (2.3 ms) cross every 50 ms step at a different place: same events.
        #expect(try stream.events(configuration, messageSamples: 37) == byChunk)
    }

    @Test("the same spoken WAV gives the same transcript in two fresh decoders and in two other processes")
    func sameTranscriptAcrossProcesses() throws {
        let binary = try #require(voicesimBinary(), "build voicesim first (swift build)")
        let directory = try TemporaryFolder()
        let wav = directory.path("caller.wav")
        let said = Array(RecognizerTests.phrases.suffix(3))
        let spoken = try runVoicesim(binary, ["speak"] + said + ["--out", wav])
        #expect(spoken.status == 0, "voicesim speak: \(spoken.output)")

        // Without a grammar (the generic language model) the words are often wrong, which makes
        // them a sharper check of determinism than phrases the grammar forces.
        let arguments = ["transcribe", wav, "--json"]
        let first = try runVoicesim(binary, arguments)
        let second = try runVoicesim(binary, arguments)
        #expect(first.status == 0 && second.status == 0)
        #expect(first.output == second.output)

        let withGrammar = try runVoicesim(binary, arguments + RecognizerTests.phrases.flatMap { ["--phrase", $0] })
        #expect(withGrammar.status == 0)
        #expect(try transcripts(withGrammar.output) == said, "\(withGrammar.output)")

        // This process hears the WAV as the children did, twice, each time with fresh decoders
        // (as `transcribe` does: the WAV, then silence so that the last utterance ends).
        let samples = try wavSamples(wav) + [Int16](repeating: 0, count: 700 * 16)
        let inProcess = try (0..<2).map { _ in
            try SpokenStream(samples: samples).events(RecognizerConfiguration(), messageSamples: 1_600).finals
        }
        #expect(inProcess[0] == inProcess[1])
        #expect(inProcess[0] == (try transcripts(first.output)))
        #expect(inProcess[0].count == 3, "\(inProcess[0])")
    }

    @Test("a missing model and a vocabulary the dictionary lacks are typed errors")
    func errors() {
        #expect(throws: SpeechError.modelMissing(path: "/nonexistent/en-us/mdef")) {
            try Recognizer(RecognizerConfiguration(modelDirectory: "/nonexistent"))
        }
        #expect(throws: SpeechError.grammarRejected("no word of the vocabulary is in the dictionary")) {
            try Recognizer(RecognizerConfiguration(vocabulary: .phrases(["zzxq qqvz"])))
        }
    }

    /// The texts of `voicesim transcribe --json`.
    private func transcripts(_ json: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let utterances = try #require(object?["utterances"] as? [[String: Any]])
        return utterances.compactMap { $0["text"] as? String }
    }

    /// The samples of a 16 kHz mono PCM16 WAV with a 44-byte header (as `voicesim speak` writes).
    private func wavSamples(_ path: String) throws -> [Int16] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let bytes = [UInt8](data.dropFirst(44))
        return stride(from: 0, to: bytes.count - 1, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
    }
}
}

import Foundation
import Speech
import TestSupport
import Testing

extension SpeechTestSuite {
@Suite("espeak-ng synthesis")
struct SynthesizerTests {
    @Test("speech is 16 kHz with one timed word per word, in order")
    func timedWords() throws {
        let synthesis = try Synthesizer.speak("Tell me a joke?")
        #expect(synthesis.words.map(\.text) == ["Tell", "me", "a", "joke"])
        // About a second of speech at 16 kHz (espeak makes 22 050 Hz: soxr resampled it).
        #expect(synthesis.samples.count > 8_000 && synthesis.samples.count < 32_000, "\(synthesis.samples.count) samples")
        for (word, next) in zip(synthesis.words, synthesis.words.dropFirst()) {
            #expect(word.startSample < word.endSample && word.endSample <= next.startSample, "\(word) then \(next)")
        }
        #expect((synthesis.words.last?.endSample ?? 0) <= synthesis.samples.count)
    }

    @Test("the same texts give byte-identical WAVs in two processes (soxr without dither)")
    func sameAudioAcrossProcesses() throws {
        let binary = try #require(voicesimBinary(), "build voicesim first (swift build)")
        let directory = try TemporaryFolder()
        let paths = [directory.path("one.wav"), directory.path("two.wav")]
        for path in paths {
            let result = try runVoicesim(binary, ["speak", "what time is it", "thank you very much", "--out", path])
            #expect(result.status == 0, "\(result.output)")
        }
        let one = try Data(contentsOf: URL(fileURLWithPath: paths[0]))
        #expect(one.count > 44 + 2 * 16_000, "\(one.count) bytes")
        #expect(one == (try Data(contentsOf: URL(fileURLWithPath: paths[1]))))
    }

    @Test("concurrent callers each get their own text's audio (espeak's global state is serialized)")
    func concurrent() async throws {
        let texts = ["what time is it", "thank you very much", "hello there my friend", "tell me a joke"]
        let spoken = try await withThrowingTaskGroup(of: (Int, [Int16]).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask { (index, try Synthesizer.speak(text).samples) }
            }
            var results = [[Int16]](repeating: [], count: texts.count)
            for try await (index, samples) in group { results[index] = samples }
            return results
        }
        let configuration = RecognizerConfiguration(vocabulary: .phrases(texts))
        #expect(try spoken.map { try Recognizer.transcribe($0, configuration) } == texts)
    }

    @Test("an unknown voice is a typed error naming it")
    func unknownVoice() {
        #expect(throws: SpeechError.synthesizerUnavailable("no voice named xx-nowhere")) {
            try Synthesizer.speak("hello", voice: "xx-nowhere")
        }
    }
}
}

/// A directory of its own under the temporary directory, removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("speech-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

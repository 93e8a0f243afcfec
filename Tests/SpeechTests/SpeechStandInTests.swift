import ProviderWire
import Testing
import VoiceCore
@testable import VoiceLive
import VoiceSim

/// The speech stand-ins' halves on their own: pocketsphinx to Deepgram messages, espeak-ng
/// to ElevenLabs-style audio events.
extension SpeechTestSuite {
@Suite("speech stand-ins")
struct SpeechStandInTests {
    static let phrases = ["what time is it", "tell me a joke"]

    /// The phrases spoken by espeak-ng, half a second apart from silence, with 1.5 s after each.
    static func stream() throws -> [Int16] {
        var samples = [Int16](repeating: 0, count: 8_000)
        for utterance in try SpokenMic.speaking(phrases).utterances {
            samples += utterance.samples + [Int16](repeating: 0, count: 24_000)
        }
        return samples
    }

    @Test("the Deepgram stand-in's recogniser sends interim results, a speech-final result and UtteranceEnd per utterance")
    func transcriberMessages() throws {
        let transcriber = try SpeechTranscriber(options: DeepgramStreamOptions(vadEvents: true, keyterms: SpeechStandInTests.phrases))
        let samples = try SpeechStandInTests.stream()
        var messages: [DeepgramMessage] = []
        for start in stride(from: 0, to: samples.count, by: 1_600) {
            messages += try transcriber.audio(Array(samples[start..<min(samples.count, start + 1_600)]))
        }
        let finals = messages.compactMap { if case .results(let r) = $0, r.isFinal { r } else { nil } }
        #expect(finals.map(\.transcript) == SpeechStandInTests.phrases)
        #expect(finals.allSatisfy { $0.speechFinal && !$0.fromFinalize && !$0.words.isEmpty })
        let interims = messages.compactMap { if case .results(let r) = $0, !r.isFinal { r.transcript } else { nil } }
        #expect(interims.count >= 2 && interims.allSatisfy { !$0.isEmpty }, "\(interims)")
        // Per utterance: speech started, interim results, the final, then UtteranceEnd after the last word.
        var kinds = ""
        for message in messages {
            switch message {
            case .speechStarted: kinds += "S"
            case .results(let results): kinds += results.isFinal ? "F" : "i"
            case .utteranceEnd: kinds += "U"
            case .metadata, .error, .unknown: kinds += "?"
            }
        }
        #expect(kinds.range(of: #"^(Si+FU){2}$"#, options: .regularExpression) != nil, "\(kinds)")
        for case .utteranceEnd(let lastWordEnd) in messages {
            #expect(finals.contains { abs(($0.words.last?.end ?? -1) - lastWordEnd) < 0.001 }, "\(lastWordEnd)")
        }
    }

    @Test("the ElevenLabs stand-in's voice speaks all the text, its alignment growing to the text's end")
    func voiceEvents() throws {
        let text = "sure, you can book a table for two people at seven. maybe try the little coffee place near the park "
        var voice = SpeechVoice(profile: TTSProfile(), prng: PRNG(seed: 3), responseID: 1)
        var events: [(at: Instant, event: TTSEvent)] = []
        var now = Instant.zero
        for word in text.split(separator: " ") {
            events += try voice.text(word + " ", at: now)
            now = now + 20_000
        }
        events += try voice.flush(at: now)
        var textEnds: [UInt32] = []
        var audioMicros: Int64 = 0
        for (_, event) in events {
            if case .audio(_, let chunk, let textEnd) = event {
                textEnds.append(textEnd)
                audioMicros += chunk.durationMicros
            }
        }
        guard case .done = events.last?.event else {
            Issue.record("no .done at the end")
            return
        }
        #expect(textEnds == textEnds.sorted())
        #expect(textEnds.last == UInt32(text.utf8.count))
        // The sentence end made a segment before the flush: alignment reached it mid-stream.
        #expect(textEnds.contains(UInt32("sure, you can book a table for two people at seven. ".utf8.count)))
        // Twenty words of espeak-ng at 150 words a minute: several seconds of audio.
        #expect(audioMicros > 4_000_000 && audioMicros < 15_000_000, "\(audioMicros) µs")
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.at <= $1.at })
        #expect(events.first.map { $0.at >= Instant(micros: 200_000) } ?? false, "the profile's first-audio latency")
    }
}
}

import CEspeakNG
import Synchronization

/// Text to 16 kHz speech with espeak-ng, and the time each word starts.
///
/// espeak-ng keeps one synthesizer per process (voice, rate, the callback), so every call
/// holds a process-wide lock from setting the voice to the last sample. Synthesis is
/// synchronous (`AUDIO_OUTPUT_SYNCHRONOUS`): the callback runs on the calling thread and
/// hands back the audio at espeak's 22 050 Hz, which is resampled to 16 kHz without dither.
/// espeak-ng carries its waveform generator's state from one call to the next (the same text
/// spoken twice in one process differs after ~0.1 s, by a few samples in length), and
/// `espeak_Terminate` followed by a new `espeak_Initialize` hangs, so it cannot be reset. What
/// holds: the same sequence of calls gives the same audio in every process (`voicesim speak`
/// writes the same WAV every time). Traces record the audio, so replay never depends on it.
public enum Synthesizer {
    /// Output sample rate.
    public static let sampleRate = 16_000
    /// The default voice: American English.
    public static let defaultVoice = "en-us"
    /// espeak's default speaking rate is 175 words a minute; a little slower is easier to hear.
    public static let defaultWordsPerMinute: Int32 = 150

    /// espeak-ng's output rate once initialized (nil before the first call).
    private static let engine = Mutex<Int?>(nil)

    /// Speaks `text`. Throws when espeak-ng cannot start, has no such voice, or refuses the text.
    public static func speak(
        _ text: String, voice: String = defaultVoice, wordsPerMinute: Int32 = defaultWordsPerMinute
    ) throws -> Synthesis {
        let (rate, collected) = try engine.withLock { initializedRate throws(SpeechError) -> (Int, SynthesisCollector) in
            let rate: Int
            if let initialized = initializedRate {
                rate = initialized
            } else {
                rate = try initialize()
                initializedRate = rate
            }
            guard espeak_SetVoiceByName(voice) == EE_OK else {
                throw SpeechError.synthesizerUnavailable("no voice named \(voice)")
            }
            espeak_SetParameter(espeakRATE, wordsPerMinute, 0)
            let collector = SynthesisCollector()
            let code = withExtendedLifetime(collector) {
                text.withCString { pointer in
                    espeak_Synth(
                        pointer, text.utf8.count + 1, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil,
                        Unmanaged.passUnretained(collector).toOpaque())
                }
            }
            guard code == EE_OK else { throw SpeechError.synthesisFailed(text: text, code: Int32(code.rawValue)) }
            espeak_Synchronize()
            return (rate, collector)
        }
        let samples = try Resampler.resample(collected.samples, from: rate, to: sampleRate)
        return Synthesis(samples: samples, words: collected.words(of: text, sampleCount: samples.count))
    }

    private static func initialize() throws(SpeechError) -> Int {
        let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, 0)
        guard rate > 0 else { throw SpeechError.synthesizerUnavailable("espeak_Initialize returned \(rate)") }
        espeak_SetSynthCallback { wave, count, events in
            guard let events, let context = events.pointee.user_data else { return 0 }
            let collector = Unmanaged<SynthesisCollector>.fromOpaque(context).takeUnretainedValue()
            if let wave, count > 0 { collector.samples.append(contentsOf: UnsafeBufferPointer(start: wave, count: Int(count))) }
            var event = events
            while event.pointee.type != espeakEVENT_LIST_TERMINATED {
                collector.record(event.pointee)
                event += 1
            }
            return 0
        }
        return Int(rate)
    }
}

/// What espeak's callback delivered for one `espeak_Synth`: audio at espeak's rate, word
/// starts and clause ends (milliseconds into the audio).
final class SynthesisCollector {
    var samples: [Int16] = []
    /// Word starts: the word's first character (from 1) and length, in Unicode scalars.
    private var wordStarts: [(position: Int, length: Int, millis: Int)] = []
    private var clauseEnds: [Int] = []

    func record(_ event: espeak_EVENT) {
        switch event.type {
        case espeakEVENT_WORD:
            wordStarts.append((Int(event.text_position), Int(event.length), Int(event.audio_position)))
        case espeakEVENT_END, espeakEVENT_MSG_TERMINATED:
            clauseEnds.append(Int(event.audio_position))
        default:
            break
        }
    }

    /// The words at 16 kHz: each ends where the next starts or its clause ends, whichever is first.
    func words(of text: String, sampleCount: Int) -> [SpokenWord] {
        let scalars = Array(text.unicodeScalars)
        var words: [SpokenWord] = []
        for (index, start) in wordStarts.enumerated() {
            let from = min(max(0, start.position - 1), scalars.count)
            let to = min(scalars.count, from + max(0, start.length))
            var endMillis = index + 1 < wordStarts.count ? wordStarts[index + 1].millis : Int.max
            if let clauseEnd = clauseEnds.first(where: { $0 > start.millis }) { endMillis = min(endMillis, clauseEnd) }
            let startSample = min(sampleCount, start.millis * Synthesizer.sampleRate / 1_000)
            let endSample = endMillis == Int.max ? sampleCount : min(sampleCount, endMillis * Synthesizer.sampleRate / 1_000)
            var word = String(String.UnicodeScalarView(scalars[from..<to]))
            word = word.trimmingTrailingPunctuation()
            words.append(SpokenWord(text: word, startSample: startSample, endSample: max(startSample, endSample)))
        }
        return words
    }
}

extension String {
    /// Without the punctuation espeak counts as part of a word ("joke?" → "joke").
    func trimmingTrailingPunctuation() -> String {
        var scalars = Array(unicodeScalars)
        while let last = scalars.last, ",.;:!?\"')".unicodeScalars.contains(last) { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

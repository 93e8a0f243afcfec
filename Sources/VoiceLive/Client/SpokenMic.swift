import Speech
import VoiceCore

/// A caller who says recorded utterances (e.g. espeak-ng's) as a person would: the first
/// `firstStartMicros` into the call, each next one `pauseMicros` after the assistant stops
/// speaking, or `replyTimeoutMicros` after the previous utterance when no answer plays.
///
/// The speech-engine counterpart of `SimUser` for `voicesim call --say`; pure, so the same
/// playback times give the same mic audio.
public struct SpokenMic: Sendable {
    public var utterances: [(text: String, samples: [Int16])]
    public var firstStartMicros: Int64 = 500_000
    public var pauseMicros: Int64 = 800_000
    public var replyTimeoutMicros: Int64 = 20_000_000
    /// Sample where each scheduled utterance starts, in order.
    private var starts: [Int] = []
    private var assistantFinished: Instant?
    /// Mic audio captured so far (no utterance may start inside it).
    private var capturedSamples = 0

    public init(utterances: [(text: String, samples: [Int16])]) {
        self.utterances = utterances
    }

    /// The 100 ms of mic audio ending at `end`.
    mutating func chunk(endingAt end: Instant) -> AudioChunk {
        let endSample = AudioFormat.samples(micros: end.micros)
        let startSample = endSample - AudioFormat.micChunkSamples
        schedule(now: end)
        var samples = [Int16](repeating: 0, count: AudioFormat.micChunkSamples)
        for (index, start) in starts.enumerated() {
            let audio = utterances[index].samples
            let from = max(startSample, start)
            let to = min(endSample, start + audio.count)
            guard from < to else { continue }
            for sample in from..<to { samples[sample - startSample] = audio[sample - start] }
        }
        capturedSamples = endSample
        return AudioChunk(samples: samples)
    }

    mutating func assistantFinishedSpeaking(at time: Instant) {
        assistantFinished = time
    }

    /// Every utterance has been scheduled and said by `time`.
    func isFinished(at time: Instant) -> Bool {
        guard starts.count == utterances.count else { return false }
        return (starts.last.map { $0 + utterances[starts.count - 1].samples.count } ?? 0) <= AudioFormat.samples(micros: time.micros)
    }

    private mutating func schedule(now: Instant) {
        while starts.count < utterances.count {
            let index = starts.count
            var start: Int
            if index == 0 {
                start = AudioFormat.samples(micros: firstStartMicros)
            } else {
                let previousEnd = starts[index - 1] + utterances[index - 1].samples.count
                let previousEndMicros = AudioFormat.micros(samples: previousEnd)
                if let finished = assistantFinished, finished.micros > previousEndMicros {
                    start = AudioFormat.samples(micros: finished.micros + pauseMicros)
                } else if now.micros >= previousEndMicros + replyTimeoutMicros {
                    start = AudioFormat.samples(micros: now.micros)
                } else {
                    return
                }
                start = max(start, previousEnd)
            }
            starts.append(max(start, capturedSamples))
        }
    }
}

extension SpokenMic {
    /// `texts` spoken by espeak-ng, in order (throws when espeak-ng cannot speak).
    public static func speaking(_ texts: [String]) throws -> SpokenMic {
        SpokenMic(utterances: try texts.map { ($0, try Synthesizer.speak($0).samples) })
    }
}

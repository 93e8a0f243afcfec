import VoiceCore
import VoiceSim

/// What the caller says into the mic: a recording, or scripted synthetic speech that waits
/// for the assistant's replies (`--say`).
public enum MicInput: Sendable {
    /// 16 kHz samples (a WAV); `said` is what they say, one entry per utterance, when known.
    case samples([Int16], said: [String])
    /// Synthetic speech from the simulator's speaker model, reacting to playback like a person.
    case script(UserScript, seed: UInt64)
    /// Recorded utterances (espeak-ng's), each waiting for the previous answer.
    case spoken(SpokenMic)

    /// One line per utterance: what the caller said, for the turn table.
    var said: [String] {
        switch self {
        case .samples(_, let said): said
        case .script(let script, _): script.utterances.map(\.text)
        case .spoken(let mic): mic.utterances.map(\.text)
        }
    }
}

/// Renders the mic's 100 ms chunks on the session's loop and hears about playback.
struct MicSource {
    private var samples: [Int16]
    private var user: SimUser?
    private var spoken: SpokenMic?

    init(_ input: MicInput) {
        switch input {
        case .samples(let samples, _):
            self.samples = samples
            user = nil
            spoken = nil
        case .script(let script, let seed):
            samples = []
            user = SimUser(script: script, seed: seed)
            spoken = nil
        case .spoken(let mic):
            samples = []
            user = nil
            spoken = mic
        }
    }

    /// Chunk `index` (1-based), captured in `[(index−1)·100 ms, index·100 ms)`; silence past the end.
    mutating func chunk(_ index: UInt64) -> AudioChunk {
        let end = Instant(micros: Int64(index) * AudioFormat.micChunkMicros)
        if user != nil { return user!.micChunk(endingAt: end) }
        if spoken != nil { return spoken!.chunk(endingAt: end) }
        let start = Int(index - 1) * AudioFormat.micChunkSamples
        guard start < samples.count else { return AudioChunk(samples: [Int16](repeating: 0, count: AudioFormat.micChunkSamples)) }
        var chunk = Array(samples[start..<min(samples.count, start + AudioFormat.micChunkSamples)])
        if chunk.count < AudioFormat.micChunkSamples {
            chunk += [Int16](repeating: 0, count: AudioFormat.micChunkSamples - chunk.count)
        }
        return AudioChunk(samples: chunk)
    }

    /// True once everything the caller will say has been captured by chunk `index`.
    func isFinished(afterChunk index: UInt64) -> Bool {
        let end = Instant(micros: Int64(index) * AudioFormat.micChunkMicros)
        if let user { return user.isFinished(at: end) }
        if let spoken { return spoken.isFinished(at: end) }
        return Int(index) * AudioFormat.micChunkSamples >= samples.count
    }

    mutating func assistantStarted(at time: Instant) { user?.assistantStartedSpeaking(at: time) }

    mutating func assistantFinished(at time: Instant) {
        user?.assistantFinishedSpeaking(at: time)
        spoken?.assistantFinishedSpeaking(at: time)
    }
}

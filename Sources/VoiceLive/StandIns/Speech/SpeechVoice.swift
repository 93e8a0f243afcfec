import Speech
import VoiceCore
import VoiceSim

/// The speech stand-in's voice: the text of one response spoken by espeak-ng, as
/// `TTSEvent`s with due times, in place of the simulator's `TTSModel`.
///
/// Text is spoken a segment at a time: when it holds a sentence end or `segmentWords`
/// words (ElevenLabs also starts before the text is complete), and the rest at the flush.
/// A segment's audio is cut into the profile's chunks; each chunk's `textEnd` is the end of
/// the last word espeak-ng finished speaking by the chunk's end (its word events), and the
/// segment's last chunk covers the whole segment. Timing follows the TTS profile: the first
/// audio `firstAudio` after the first text, then `synthesisMicrosPerAudioSecond` of work
/// per second of audio.
struct SpeechVoice {
    static let segmentWords = 12
    let profile: TTSProfile
    var prng: PRNG
    let responseID: UInt32
    /// UTF-8 text received so far, and how much of it has been spoken.
    private var text: [UInt8] = []
    private var spokenEnd = 0
    /// When the next audio may be sent (nil before the first audio is due).
    private var nextDue: Instant?

    init(profile: TTSProfile, prng: PRNG, responseID: UInt32) {
        self.profile = profile
        self.prng = prng
        self.responseID = responseID
    }

    /// More text at `now`: the audio of any segment it completes.
    mutating func text(_ chunk: String, at now: Instant) throws -> [(at: Instant, event: TTSEvent)] {
        if nextDue == nil { nextDue = now + profile.firstAudio.sample(using: &prng) }
        text += Array(chunk.utf8)
        guard let end = segmentEnd() else { return [] }
        return try speak(upTo: end, at: now)
    }

    /// No more text: the rest, then `.done`.
    mutating func flush(at now: Instant) throws -> [(at: Instant, event: TTSEvent)] {
        if nextDue == nil { nextDue = now + profile.firstAudio.sample(using: &prng) }
        var events = try speak(upTo: text.count, at: now)
        events.append((max(now, nextDue ?? now), .done(responseID: responseID)))
        return events
    }

    /// End of the longest unspoken run of whole words that holds a sentence end or enough words.
    private func segmentEnd() -> Int? {
        var words = 0
        var end: Int?
        var index = spokenEnd
        while index < text.count {
            if text[index] == UInt8(ascii: " ") && index > spokenEnd && text[index - 1] != UInt8(ascii: " ") {
                words += 1
                let previous = text[index - 1]
                if words >= SpeechVoice.segmentWords || previous == UInt8(ascii: ".") || previous == UInt8(ascii: "?")
                    || previous == UInt8(ascii: "!")
                {
                    end = index + 1
                }
            }
            index += 1
        }
        return end
    }

    private mutating func speak(upTo end: Int, at now: Instant) throws -> [(at: Instant, event: TTSEvent)] {
        let start = spokenEnd
        spokenEnd = end
        let segment = String(decoding: text[start..<end], as: UTF8.self)
        guard segment.contains(where: { !$0.isWhitespace }) else { return [] }
        let synthesis = try Synthesizer.speak(segment)
        let wordEnds = SpeechVoice.wordByteEnds(synthesis.words, in: segment).map { (sample: $0.sample, byte: start + $0.byte) }
        let chunkSamples = AudioFormat.samples(micros: profile.chunkMicros)
        var events: [(at: Instant, event: TTSEvent)] = []
        var due = max(now, nextDue ?? now)
        var offset = 0
        while offset < synthesis.samples.count {
            let chunkEnd = min(synthesis.samples.count, offset + chunkSamples)
            let isLast = chunkEnd == synthesis.samples.count
            let textEnd = isLast ? end : (wordEnds.last { $0.sample <= chunkEnd }?.byte ?? start)
            let chunk = AudioChunk(samples: Array(synthesis.samples[offset..<chunkEnd]))
            events.append((due, .audio(responseID: responseID, chunk: chunk, textEnd: UInt32(textEnd))))
            due = due + chunk.durationMicros * profile.synthesisMicrosPerAudioSecond / 1_000_000
            offset = chunkEnd
        }
        nextDue = due
        return events
    }

    /// Each word's end sample and the UTF-8 offset in `segment` just past it, found in order.
    static func wordByteEnds(_ words: [SpokenWord], in segment: String) -> [(sample: Int, byte: Int)] {
        let bytes = Array(segment.utf8)
        var cursor = 0
        var ends: [(sample: Int, byte: Int)] = []
        for word in words {
            let needle = Array(word.text.utf8)
            guard !needle.isEmpty, needle.count <= bytes.count else { continue }
            var index = cursor
            while index + needle.count <= bytes.count && Array(bytes[index..<(index + needle.count)]) != needle { index += 1 }
            guard index + needle.count <= bytes.count else { continue }
            cursor = index + needle.count
            ends.append((word.endSample, cursor))
        }
        return ends
    }
}

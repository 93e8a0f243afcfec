import VoiceCore

/// Deterministic, speech-like 16 kHz PCM16 audio from integer arithmetic only.
///
/// Why not recorded speech or `sin`: traces must be bit-identical on every platform and
/// build, and libm differs between platforms. The generator makes what the pipeline's
/// energy VAD and the simulated providers need: voiced words (a triangle/square carrier
/// at the voice's pitch, an amplitude envelope per syllable of ~220 ms, a little noise),
/// near-silence (low-level noise) and coughs (a loud ~120 ms broadband burst that decays).
///
/// Levels with the default voices: speech RMS ≈ 3000–4500 (every 20 ms frame inside a
/// word stays above 1000), silence RMS ≈ 70, a cough's first frames RMS > 8000.
///
/// Word shape (envelope, pitch per syllable) is a pure function of `(seed, word id,
/// position)`, so it does not depend on how the audio is cut into chunks. Noise comes
/// from one sequential PRNG stream: rendering the same spans in the same order gives the
/// same samples, whatever the chunk boundaries.
///
/// Cost: about 1–2 ns per sample in release (10 minutes of audio in ~15 ms); it writes
/// into caller-provided buffers and never allocates per sample.
public struct SpeechSynth: Sendable {
    public let voice: Voice
    /// Seed for the stateless per-word choices.
    let shapeSeed: UInt64
    var noise: PRNG
    /// Unused 16-bit noise draws left over from the last `noise.next()`.
    var noiseBits: UInt64
    var noiseBitsLeft: Int
    /// Carrier phase, a full cycle is 2³².
    var phase: UInt32

    public init(voice: Voice, seed: UInt64) {
        self.voice = voice
        var mixer = SplitMix64(seed: seed)
        shapeSeed = mixer.next()
        noise = PRNG(seed: mixer.next())
        noiseBits = 0
        noiseBitsLeft = 0
        phase = 0
    }
}

extension SpeechSynth {
    /// A speaker: pitch, loudness and room noise.
    public struct Voice: Equatable, Sendable {
        /// Fundamental frequency; each syllable varies it by ±10%.
        public var pitchHz: Int32
        /// Peak amplitude of voiced sound (full scale is 32767).
        public var peakAmplitude: Int32
        /// Peak amplitude of the noise under everything (silence RMS ≈ this / √3).
        public var noiseAmplitude: Int32
        /// Mean syllable length (4–5 syllables per second).
        public var syllableMicros: Int64

        public init(
            pitchHz: Int32, peakAmplitude: Int32 = 9_000, noiseAmplitude: Int32 = 120,
            syllableMicros: Int64 = 220_000
        ) {
            precondition(pitchHz >= 50 && pitchHz <= 1_000, "pitchHz \(pitchHz) outside 50…1000")
            precondition(peakAmplitude >= 0 && peakAmplitude <= 32_767, "peakAmplitude \(peakAmplitude)")
            precondition(noiseAmplitude >= 0 && noiseAmplitude <= 32_767, "noiseAmplitude \(noiseAmplitude)")
            precondition(syllableMicros >= 20_000, "syllableMicros \(syllableMicros) < 20 ms")
            self.pitchHz = pitchHz
            self.peakAmplitude = peakAmplitude
            self.noiseAmplitude = noiseAmplitude
            self.syllableMicros = syllableMicros
        }

        /// The simulated caller: a low voice.
        public static let user = Voice(pitchHz: 120)
        /// The assistant's TTS voice: higher, and clean (studio, no room noise).
        public static let assistant = Voice(pitchHz: 190, noiseAmplitude: 20)
    }

    /// A span of audio to render.
    public enum Segment: Equatable, Sendable {
        case silence(samples: Int)
        /// A word; `id` picks its syllable pitches, so the same id sounds the same.
        case word(id: UInt64, samples: Int)
        case cough(samples: Int)

        public var sampleCount: Int {
            switch self {
            case .silence(let samples), .word(_, let samples), .cough(let samples): samples
            }
        }
    }

    /// Length of a cough.
    public static let coughMicros: Int64 = 120_000
    /// Peak amplitude of a cough's noise burst.
    static let coughAmplitude: Int32 = 24_000
    /// Fade in/out at each word edge so words do not click and stay separable.
    static let wordEdgeSamples = 160
    /// Envelope floor between syllables, Q15 (35%): speech frames stay above a VAD threshold.
    static let envelopeFloor: Int32 = 11_469
    static let envelopeFull: Int32 = 32_767
    /// The envelope is constant over blocks this long (4 ms): cheaper than per sample,
    /// and too short to hear or to matter to a 20 ms VAD frame.
    static let envelopeBlockSamples = 64

    /// Renders `segments` one after another into a new array.
    /// - Complexity: O(total samples).
    public mutating func render(_ segments: [Segment]) -> [Int16] {
        let total = segments.reduce(0) { $0 + $1.sampleCount }
        return [Int16](unsafeUninitializedCapacity: total) { buffer, initializedCount in
            var start = 0
            for segment in segments {
                let slice = UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + segment.sampleCount)])
                switch segment {
                case .silence: renderSilence(into: slice)
                case .word(let id, let samples): renderWord(id: id, wordSamples: samples, offset: 0, into: slice)
                case .cough(let samples): renderCough(coughSamples: samples, offset: 0, into: slice)
                }
                start += segment.sampleCount
            }
            initializedCount = total
        }
    }

    /// Fills `buffer` with background noise.
    /// - Complexity: O(`buffer.count`).
    public mutating func renderSilence(into buffer: UnsafeMutableBufferPointer<Int16>) {
        let amplitude = voice.noiseAmplitude
        var generator = NoiseGenerator(prng: noise, bits: noiseBits, bitsLeft: noiseBitsLeft)
        for index in buffer.indices {
            buffer[index] = Int16(truncatingIfNeeded: (generator.next() &* amplitude) >> 15)
        }
        noise = generator.prng
        noiseBits = generator.bits
        noiseBitsLeft = generator.bitsLeft
    }

    /// Fills `buffer` with samples `offset ..< offset + buffer.count` of word `id`, which
    /// is `wordSamples` long.
    /// - Complexity: O(`buffer.count`).
    public mutating func renderWord(
        id: UInt64, wordSamples: Int, offset: Int,
        into buffer: UnsafeMutableBufferPointer<Int16>
    ) {
        precondition(
            offset >= 0 && offset + buffer.count <= wordSamples,
            "word span \(offset)+\(buffer.count) outside 0..<\(wordSamples)")
        let syllableSamplesNominal = max(1, AudioFormat.samples(micros: voice.syllableMicros))
        let syllableCount = max(1, (wordSamples + syllableSamplesNominal / 2) / syllableSamplesNominal)
        let syllableSamples = max(1, wordSamples / syllableCount)
        var written = 0
        while written < buffer.count {
            let position = offset + written
            let syllable = min(position / syllableSamples, syllableCount - 1)
            let syllableStart = syllable * syllableSamples
            let syllableEnd = syllable == syllableCount - 1 ? wordSamples : syllableStart + syllableSamples
            let increment = phaseIncrement(word: id, syllable: syllable)
            let spanEnd = min(buffer.count, syllableEnd - offset)
            while written < spanEnd {
                // Blocks are aligned to the word, so cutting it differently renders the same samples.
                let blockEnd = min(
                    spanEnd,
                    written + SpeechSynth.envelopeBlockSamples
                        - (offset + written) % SpeechSynth.envelopeBlockSamples)
                let blockPosition = offset + written
                let envelope = syllableEnvelope(
                    position: blockPosition - syllableStart,
                    length: syllableEnd - syllableStart
                )
                .multipliedQ15(by: edgeEnvelope(position: blockPosition, length: wordSamples))
                let gain = (envelope &* voice.peakAmplitude) >> 15
                renderVoiced(into: buffer, from: written, to: blockEnd, gain: gain, increment: increment)
                written = blockEnd
            }
        }
    }

    /// Fills `buffer` with samples `offset ..< offset + buffer.count` of a cough that is
    /// `coughSamples` long: a loud noise burst with a 5 ms attack and a linear decay.
    /// - Complexity: O(`buffer.count`).
    public mutating func renderCough(coughSamples: Int, offset: Int, into buffer: UnsafeMutableBufferPointer<Int16>) {
        precondition(
            offset >= 0 && offset + buffer.count <= coughSamples,
            "cough span \(offset)+\(buffer.count) outside 0..<\(coughSamples)")
        let attack = max(1, min(80, coughSamples / 4))
        let background = voice.noiseAmplitude
        for index in buffer.indices {
            let position = offset + index
            let envelope: Int32 =
                position < attack
                ? Int32(position * 32_767 / attack)
                : Int32((coughSamples - position) * 32_767 / max(1, coughSamples - attack))
            let amplitude = ((envelope &* SpeechSynth.coughAmplitude) >> 15) + background
            buffer[index] = Int16(truncatingIfNeeded: (nextNoise() &* amplitude) >> 15)
        }
    }

    /// One block (at most `envelopeBlockSamples`) of voiced samples at a fixed gain.
    ///
    /// Noise is drawn first into a small buffer, so the main loop has no dependency
    /// between samples (each phase is `base + increment·(i+1)`) and the optimiser can
    /// vectorise it.
    @inline(__always)
    private mutating func renderVoiced(
        into buffer: UnsafeMutableBufferPointer<Int16>, from start: Int, to end: Int,
        gain: Int32, increment: UInt32
    ) {
        let count = end - start
        precondition(count <= SpeechSynth.envelopeBlockSamples, "voiced block of \(count) samples")
        let breath = voice.noiseAmplitude + gain >> 5
        let base = phase
        var generator = NoiseGenerator(prng: noise, bits: noiseBits, bitsLeft: noiseBitsLeft)
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: SpeechSynth.envelopeBlockSamples) { noiseValues in
            generator.fill(UnsafeMutableBufferPointer(rebasing: noiseValues[0..<count]))
            for index in 0..<count {
                let phase = base &+ increment &* UInt32(truncatingIfNeeded: index &+ 1)
                let ramp = Int32(bitPattern: phase >> 16)  // 0…65535
                let triangle = 32_767 &- abs(ramp &* 2 &- 65_535)  // -32768…32766
                let square = 32_767 &- (ramp >> 15) &* 65_534  // +32767 then -32767
                let carrier = (triangle &* 3 &+ square) >> 2  // mostly triangle, some harmonics
                let value = ((carrier &* gain) >> 15) &+ ((noiseValues[index] &* breath) >> 15)
                buffer[start &+ index] = Int16(clamping: value)
            }
        }
        phase = base &+ increment &* UInt32(truncatingIfNeeded: count)
        noise = generator.prng
        noiseBits = generator.bits
        noiseBitsLeft = generator.bitsLeft
    }

    /// A uniform value in -32768…32767 from the noise stream (four per PRNG draw).
    @inline(__always)
    private mutating func nextNoise() -> Int32 {
        var generator = NoiseGenerator(prng: noise, bits: noiseBits, bitsLeft: noiseBitsLeft)
        let value = generator.next()
        noise = generator.prng
        noiseBits = generator.bits
        noiseBitsLeft = generator.bitsLeft
        return value
    }

    /// Carrier phase step for one syllable: the voice's pitch ±10%, fixed per (word, syllable).
    private func phaseIncrement(word: UInt64, syllable: Int) -> UInt32 {
        let draw = SplitMix64.mixed(
            shapeSeed ^ word &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(syllable) &* 0xD6E8_FEB8_6659_FD93)
        let percent = 90 + Int64(draw % 21)  // 90…110
        let pitchMilliHz = Int64(voice.pitchHz) * percent * 10
        return UInt32(truncatingIfNeeded: (pitchMilliHz << 32) / (AudioFormat.sampleRateHz * 1_000))
    }

    /// Q15 envelope inside one syllable: rise over the first fifth, fall over the last
    /// quarter, never below `envelopeFloor`.
    private func syllableEnvelope(position: Int, length: Int) -> Int32 {
        let floor = SpeechSynth.envelopeFloor
        let span = SpeechSynth.envelopeFull - floor
        let attack = max(1, length / 5)
        let release = max(1, length / 4)
        if position < attack { return floor + Int32(Int64(span) * Int64(position) / Int64(attack)) }
        let left = length - position
        if left < release { return floor + Int32(Int64(span) * Int64(left) / Int64(release)) }
        return SpeechSynth.envelopeFull
    }

    /// Q15 fade over the first and last `wordEdgeSamples` of a word.
    private func edgeEnvelope(position: Int, length: Int) -> Int32 {
        let edge = min(SpeechSynth.wordEdgeSamples, max(1, length / 4))
        let distance = min(position, length - position)
        if distance >= edge { return SpeechSynth.envelopeFull }
        return Int32(distance * 32_767 / edge)
    }
}

/// The noise stream's state, copied into locals for tight loops.
struct NoiseGenerator {
    var prng: PRNG
    var bits: UInt64
    var bitsLeft: Int

    @inline(__always)
    mutating func next() -> Int32 {
        if bitsLeft == 0 {
            bits = prng.next()
            bitsLeft = 4
        }
        let value = Int32(Int16(truncatingIfNeeded: bits))
        bits >>= 16
        bitsLeft -= 1
        return value
    }

    /// Fills `values` with the next draws, in order (one PRNG draw per four values).
    @inline(__always)
    mutating func fill(_ values: UnsafeMutableBufferPointer<Int32>) {
        var index = 0
        while index < values.count && bitsLeft > 0 {
            values[index] = next()
            index += 1
        }
        while values.count - index >= 4 {
            let draw = prng.next()
            values[index] = Int32(Int16(truncatingIfNeeded: draw))
            values[index + 1] = Int32(Int16(truncatingIfNeeded: draw >> 16))
            values[index + 2] = Int32(Int16(truncatingIfNeeded: draw >> 32))
            values[index + 3] = Int32(Int16(truncatingIfNeeded: draw >> 48))
            index += 4
        }
        while index < values.count {
            values[index] = next()
            index += 1
        }
    }
}

extension Int32 {
    /// `self · other / 2¹⁵` for Q15 factors.
    @inline(__always)
    func multipliedQ15(by other: Int32) -> Int32 { Int32((Int64(self) * Int64(other)) >> 15) }
}

extension SplitMix64 {
    /// One SplitMix64 output for `value`, as a stateless hash.
    @inline(__always)
    static func mixed(_ value: UInt64) -> UInt64 {
        var mixer = SplitMix64(seed: value)
        return mixer.next()
    }
}

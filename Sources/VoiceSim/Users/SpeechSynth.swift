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
/// position)`, so it does not depend on how the audio is cut into chunks. Noise is a pure
/// function of `(seed, n)` for the n-th noise sample the synthesiser uses (see
/// `NoiseTable`): rendering the same spans in the same order gives the same samples,
/// whatever the chunk boundaries.
///
/// Cost: well under 1 ns per sample in release (the loops run over raw memory in 16- and
/// 32-bit lanes the optimiser vectorises); it writes into caller-provided buffers and
/// never allocates.
public struct SpeechSynth: Sendable {
    public let voice: Voice
    /// Seed for the stateless per-word choices.
    let shapeSeed: UInt64
    /// Seed of the noise stream: where each run of noise starts in `NoiseTable`.
    let noiseSeed: UInt64
    /// Noise samples used so far: the position in the noise stream.
    var noiseCursor: UInt64
    /// Carrier phase, a full cycle is 2¹⁶. The step per sample is a whole number (184…4505
    /// for 45…1100 Hz), within 0.6% of the pitch asked for; whole steps make the phase of
    /// every sample exact, however the audio is cut.
    var phase: UInt16
    /// The noise run the cursor was last in and where it starts in `NoiseTable`: blocks of a
    /// word's rise and fall are short, and hashing the run again for each costs more than they do.
    var cachedRun: UInt64
    var cachedRunStart: Int

    public init(voice: Voice, seed: UInt64) {
        self.voice = voice
        var mixer = SplitMix64(seed: seed)
        shapeSeed = mixer.next()
        noiseSeed = mixer.next()
        noiseCursor = 0
        phase = 0
        // No run has this index (the cursor's run is at most 2⁵⁴).
        cachedRun = .max
        cachedRunStart = 0
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

    /// Fills `buffer` with the next `buffer.count` samples of `segments`, starting
    /// `offset` samples into `segments[head]`, and moves `head` and `offset` past them.
    /// Rendering a list of segments in pieces this way gives the same samples as
    /// `render(_:)` gives for the whole list.
    /// - Precondition: the segments from `head` on hold at least `buffer.count` more samples.
    /// - Complexity: O(`buffer.count` + segments passed).
    mutating func render(
        _ segments: [Segment], head: inout Int, offset: inout Int, into buffer: UnsafeMutableBufferPointer<Int16>
    ) {
        var written = 0
        while written < buffer.count {
            precondition(head < segments.count, "rendering past the last segment")
            let segment = segments[head]
            let length = min(segment.sampleCount - offset, buffer.count - written)
            let slice = UnsafeMutableBufferPointer(rebasing: buffer[written..<(written + length)])
            switch segment {
            case .silence: renderSilence(into: slice)
            case .word(let id, let samples): renderWord(id: id, wordSamples: samples, offset: offset, into: slice)
            case .cough(let samples): renderCough(coughSamples: samples, offset: offset, into: slice)
            }
            written += length
            offset += length
            if offset == segment.sampleCount {
                head += 1
                offset = 0
            }
        }
    }

    /// Fills `buffer` with background noise.
    /// - Complexity: O(`buffer.count`).
    public mutating func renderSilence(into buffer: UnsafeMutableBufferPointer<Int16>) {
        guard let base = buffer.baseAddress else { return }
        let table = NoiseTable.values
        let amplitude = voice.noiseAmplitude
        var written = 0
        while written < buffer.count {
            let (noise, count) = nextNoiseRun(upTo: buffer.count - written, table: table)
            let output = base + written
            if let doubled = Int16(exactly: amplitude &* 2) {
                // (n·a) >> 15 == (n·2a) >> 16: the high half of a 16-bit multiply.
                for index in 0..<count { output[index] = noise[index].multipliedHigh(by: doubled) }
            } else {
                for index in 0..<count {
                    output[index] = Int16(truncatingIfNeeded: (Int32(noise[index]) &* amplitude) &>> 15)
                }
            }
            written &+= count
        }
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
        guard let base = buffer.baseAddress else { return }
        let syllableSamplesNominal = max(1, AudioFormat.samples(micros: voice.syllableMicros))
        let syllableCount = max(1, (wordSamples + syllableSamplesNominal / 2) / syllableSamplesNominal)
        let syllableSamples = max(1, wordSamples / syllableCount)
        let blockSamples = SpeechSynth.envelopeBlockSamples
        let edge = SpeechSynth.edgeSamples(wordSamples: wordSamples)
        let table = NoiseTable.values
        let peak = voice.peakAmplitude
        let background = voice.noiseAmplitude
        // The carrier and noise state in locals for the block loop, stored back once: kept in
        // `self`, the optimiser stores and reloads them around every block.
        var ramp = phase
        var cursor = noiseCursor
        var run = cachedRun
        var runStart = cachedRunStart
        defer {
            phase = ramp
            noiseCursor = cursor
            cachedRun = run
            cachedRunStart = runStart
        }
        var written = 0
        while written < buffer.count {
            let position = offset + written
            let syllable = min(position / syllableSamples, syllableCount - 1)
            let syllableStart = syllable * syllableSamples
            let syllableEnd = syllable == syllableCount - 1 ? wordSamples : syllableStart + syllableSamples
            let increment = phaseIncrement(word: id, syllable: syllable)
            let spanEnd = min(buffer.count, syllableEnd - offset)
            // The syllable's rise and fall, once per syllable: divisions cost more than a block's samples.
            let syllableLength = syllableEnd - syllableStart
            let attack = SpeechSynth.attackSamples(syllableSamples: syllableLength)
            let release = SpeechSynth.releaseSamples(syllableSamples: syllableLength)
            // Last word position whose envelope is full: past the syllable's rise, before its
            // fall and away from the word's edges.
            let lastFull = min(syllableEnd - release, wordSamples - edge)
            while written < spanEnd {
                // Blocks are aligned to the word (and start again at each syllable), and a block's
                // envelope is taken at its start, so cutting the word anywhere renders the same samples.
                let blockPosition = offset + written
                let envelopePosition = max(syllableStart, blockPosition & ~(blockSamples - 1))
                let envelope = SpeechSynth.syllableEnvelope(
                    position: envelopePosition - syllableStart, length: syllableLength, attack: attack, release: release
                )
                .multipliedQ15(by: SpeechSynth.edgeEnvelope(position: envelopePosition, length: wordSamples, edge: edge))
                var blockEnd = min(spanEnd, written + blockSamples - blockPosition & (blockSamples - 1))
                if envelope == SpeechSynth.envelopeFull && envelopePosition <= lastFull {
                    // Every block starting up to `lastFull` has the full envelope: one run.
                    blockEnd = max(blockEnd, min(spanEnd, (lastFull & ~(blockSamples - 1)) + blockSamples - offset))
                }
                let gain = (envelope &* peak) &>> 15
                let breath = background &+ gain &>> 5
                // The block, split where it crosses into another noise run (at most once: runs are
                // longer than blocks, except for the one full-envelope run of a syllable).
                while written < blockEnd {
                    let runIndex = cursor &>> NoiseTable.runBits
                    if runIndex != run {
                        run = runIndex
                        runStart = NoiseTable.runStart(seed: noiseSeed, run: runIndex)
                    }
                    let within = Int(truncatingIfNeeded: cursor) & (NoiseTable.runSamples &- 1)
                    let taken = min(blockEnd &- written, NoiseTable.runSamples &- within)
                    SpeechSynth.voiced(
                        into: base + written, noise: table + (runStart &+ within), count: taken, ramp: ramp,
                        step: increment, gain: gain, breath: breath)
                    ramp &+= increment &* UInt16(truncatingIfNeeded: taken)
                    cursor &+= UInt64(truncatingIfNeeded: taken)
                    written &+= taken
                }
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
        guard let base = buffer.baseAddress else { return }
        let attack = max(1, min(80, coughSamples / 4))
        let background = voice.noiseAmplitude
        let table = NoiseTable.values
        var written = 0
        while written < buffer.count {
            let (noise, count) = nextNoiseRun(upTo: buffer.count - written, table: table)
            for index in 0..<count {
                let position = offset + written + index
                let envelope: Int32 =
                    position < attack
                    ? Int32(position * 32_767 / attack)
                    : Int32((coughSamples - position) * 32_767 / max(1, coughSamples - attack))
                let amplitude = ((envelope &* SpeechSynth.coughAmplitude) >> 15) + background
                base[written + index] = Int16(truncatingIfNeeded: (Int32(noise[index]) &* amplitude) >> 15)
            }
            written += count
        }
    }

    /// Up to `count` (at least one) next values of the noise stream, contiguous in
    /// `NoiseTable`; advances the stream past them. `table` is `NoiseTable.values`, read once by
    /// the caller: reading the lazy global costs a `swift_once` call each time, and a word's rise
    /// and fall take a run per 64-sample block.
    @inline(__always)
    private mutating func nextNoiseRun(upTo count: Int, table: UnsafePointer<Int16>) -> (UnsafePointer<Int16>, Int) {
        let run = noiseCursor >> NoiseTable.runBits
        if run != cachedRun {
            cachedRun = run
            cachedRunStart = NoiseTable.runStart(seed: noiseSeed, run: run)
        }
        let within = Int(truncatingIfNeeded: noiseCursor) & (NoiseTable.runSamples - 1)
        let taken = min(count, NoiseTable.runSamples - within)
        noiseCursor &+= UInt64(truncatingIfNeeded: taken)
        return (table + cachedRunStart + within, taken)
    }

    /// `count` voiced samples: sample `i` has phase ramp `ramp + step·(i+1)` (mod 2¹⁶), and
    /// is `carrier·gain >> 15 + noise·breath >> 15`, clamped. The carrier is computed in 16-bit
    /// lanes from that ramp, so no sample depends on the one before and the optimiser vectorises
    /// the loop.
    @inline(__always)
    private static func voiced(
        into output: UnsafeMutablePointer<Int16>, noise: UnsafePointer<Int16>, count: Int,
        ramp: UInt16, step: UInt16, gain: Int32, breath: Int32
    ) {
        if let gain2 = Int16(exactly: gain &* 2), let breath2 = Int16(exactly: breath &* 2) {
            // The usual case (gains below 0.5 of full scale): (x·g) >> 15 == (x·2g) >> 16, the
            // high half of a 16-bit multiply, eight samples per vector instruction.
            var ramp = ramp
            for index in 0..<count {
                ramp &+= step
                let voicedPart = carrier(ramp).multipliedHigh(by: gain2)
                let noisePart = noise[index].multipliedHigh(by: breath2)
                // Each part is within -16384…16383, so the sum needs no clamping.
                output[index] = voicedPart &+ noisePart
            }
        } else {
            var ramp = ramp
            for index in 0..<count {
                ramp &+= step
                let voicedPart = (Int32(carrier(ramp)) &* gain) &>> 15
                let noisePart = (Int32(noise[index]) &* breath) &>> 15
                output[index] = Int16(clamping: voicedPart &+ noisePart)
            }
        }
    }

    /// The carrier at phase ramp `ramp` (a full cycle is 2¹⁶): ¾ triangle plus ¼ square for
    /// harmonics, -32767…32766. With `f` the triangle's 0…32767 fold, that is
    /// `1.5·f − 16384` in the first half cycle and `1.5·f − 32767` in the second (the sum
    /// wraps past 32767 in 16 bits and comes back into range).
    @inline(__always)
    private static func carrier(_ ramp: UInt16) -> Int16 {
        let position = Int16(bitPattern: ramp)
        let sign = position &>> 15  // 0 in the first half cycle, -1 in the second
        let folded = position ^ sign  // 0…32767…0 over the cycle
        return folded &+ folded &>> 1 &+ (sign & -16_383) &- 16_384
    }

    /// Carrier phase step for one syllable: the voice's pitch ±10%, fixed per (word, syllable).
    private func phaseIncrement(word: UInt64, syllable: Int) -> UInt16 {
        let draw = SplitMix64.mixed(
            shapeSeed ^ word &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(syllable) &* 0xD6E8_FEB8_6659_FD93)
        let percent = 90 + Int64(draw % 21)  // 90…110
        let pitchMilliHz = Int64(voice.pitchHz) * percent * 10
        return UInt16(truncatingIfNeeded: (pitchMilliHz << 16) / (AudioFormat.sampleRateHz * 1_000))
    }

    /// Length of a syllable's rise: its first fifth.
    @inline(__always)
    private static func attackSamples(syllableSamples: Int) -> Int { max(1, syllableSamples / 5) }

    /// Length of a syllable's fall: its last quarter.
    @inline(__always)
    private static func releaseSamples(syllableSamples: Int) -> Int { max(1, syllableSamples / 4) }

    /// Length of the fade at each edge of a word.
    @inline(__always)
    private static func edgeSamples(wordSamples: Int) -> Int { min(SpeechSynth.wordEdgeSamples, max(1, wordSamples / 4)) }

    /// Q15 envelope inside one syllable of `length` samples: rise over the first `attack`
    /// samples, fall over the last `release`, never below `envelopeFloor`.
    @inline(__always)
    private static func syllableEnvelope(position: Int, length: Int, attack: Int, release: Int) -> Int32 {
        let floor = SpeechSynth.envelopeFloor
        let span = SpeechSynth.envelopeFull - floor
        // Quotients below `span`: no arithmetic here can overflow.
        if position < attack {
            return floor &+ Int32(truncatingIfNeeded: Int64(span) &* Int64(position) / Int64(attack))
        }
        let left = length &- position
        if left < release { return floor &+ Int32(truncatingIfNeeded: Int64(span) &* Int64(left) / Int64(release)) }
        return SpeechSynth.envelopeFull
    }

    /// Q15 fade over the first and last `edge` samples of a word of `length` samples.
    @inline(__always)
    private static func edgeEnvelope(position: Int, length: Int, edge: Int) -> Int32 {
        let distance = min(position, length - position)
        if distance >= edge { return SpeechSynth.envelopeFull }
        return Int32(truncatingIfNeeded: distance &* 32_767 / edge)
    }
}

/// The noise under all synthetic audio: a fixed table of uniform 16-bit values (made once
/// from a fixed seed), read in runs of `runSamples` that each start at a place picked by
/// hashing `(stream seed, run index)`. Noise sample `n` of a stream is therefore a pure
/// function of the seed and `n`, costs one load, and a run is contiguous memory, so noise
/// loops vectorise. Two streams (or two runs) share a run only when their hashes collide.
enum NoiseTable {
    static let countBits = 15
    /// Places a run can start at.
    static let count = 1 << countBits
    static let runBits: UInt64 = 10
    static let runSamples = 1 << 10

    /// `count + runSamples` values, so every run is contiguous.
    nonisolated(unsafe) static let values: UnsafePointer<Int16> = {
        let total = count + runSamples
        let table = UnsafeMutablePointer<Int16>.allocate(capacity: total)
        var prng = PRNG(seed: 0x6E6F_6973_6531_3642)
        for index in stride(from: 0, to: total, by: 4) {
            let draw = prng.next()
            for lane in 0..<4 { table[index + lane] = Int16(truncatingIfNeeded: draw >> (16 * UInt64(lane))) }
        }
        return UnsafePointer(table)
    }()

    /// Where run `run` of the stream with `seed` starts in `values`.
    @inline(__always)
    static func runStart(seed: UInt64, run: UInt64) -> Int {
        Int(truncatingIfNeeded: SplitMix64.mixed(seed &+ run &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(countBits)))
    }
}

extension Int16 {
    /// `(self · other) >> 16`: the high half of the product (one `pmulhw` per eight lanes).
    @inline(__always)
    func multipliedHigh(by other: Int16) -> Int16 {
        Int16(truncatingIfNeeded: (Int32(self) &* Int32(other)) &>> 16)
    }
}

extension Int32 {
    /// `self · other / 2¹⁵` for Q15 factors.
    @inline(__always)
    func multipliedQ15(by other: Int32) -> Int32 {
        Int32(truncatingIfNeeded: (Int64(self) &* Int64(other)) &>> 15)
    }
}

extension SplitMix64 {
    /// One SplitMix64 output for `value`, as a stateless hash.
    @inline(__always)
    static func mixed(_ value: UInt64) -> UInt64 {
        var mixer = SplitMix64(seed: value)
        return mixer.next()
    }
}

/// A block of PCM16 mono audio with its fingerprint and per-frame energy.
///
/// The fingerprint and the 20 ms frame energies are computed once, when the chunk
/// is made, in one pass over the samples: digests, traces and the VAD all read
/// them instead of the samples. A chunk restored from a hash-only trace has the
/// summary but no samples (`hasSamples == false`); the core never needs more,
/// because the VAD reads only `frameEnergies`, and only of mic chunks. A hash-only
/// trace therefore keeps energies for mic chunks alone: a reply chunk restored from
/// it has none (`hasEnergies == false`).
///
/// Identity is the sample count and the fingerprint: the energies are a function of
/// the samples the fingerprint stands for, so they are not compared and not part of
/// the canonical summary (nor, therefore, of digests).
public struct AudioChunk: Sendable {
    /// The samples, or empty when only the summary is known.
    public let samples: [Int16]
    public let sampleCount: Int
    /// A 32-bit hash of the samples (below 2³², held in 64 bits so callers keep their types).
    /// 32 bits tell apart the chunks of one session (a trace checks mic chunks' energies too
    /// before treating two as one) and make a changed chunk change a digest but for a 2⁻³²
    /// chance; a hash-only trace stores one per distinct chunk, and 8 bytes would be a third
    /// of a 10-minute call's trace.
    public let fingerprint: UInt64
    /// Mean square amplitude of each 20 ms frame, kept to `energyBitsKept` significant bits
    /// (rounded down); the last frame may be partial. Empty when unknown (`hasEnergies`).
    public let frameEnergies: [UInt32]
}

extension AudioChunk {
    /// Significant bits an energy keeps: a relative precision of 2⁻⁸ (0.017 dB), far finer than
    /// any VAD threshold means, and the rest of a mean square of noisy audio is noise that no
    /// trace could compress (it was half of a hash-only trace's energies).
    public static let energyBitsKept = 9

    /// Summarises `samples`.
    /// - Complexity: O(`samples.count`)
    public init(samples: [Int16]) {
        let summary = AudioChunk.summarize(samples)
        self.init(samples: samples, sampleCount: samples.count, fingerprint: summary.fingerprint,
                  frameEnergies: summary.energies)
    }

    /// The summary of `samples` alone, without keeping them: the chunk a hash-only run keeps,
    /// made from audio rendered into a reused buffer, with no array of samples allocated.
    /// Equal to `AudioChunk(samples:)` of the same samples, with the same energies.
    /// - Complexity: O(`samples.count`)
    public init(summarizing samples: UnsafeBufferPointer<Int16>) {
        let summary = AudioChunk.summarize(samples)
        self.init(samples: [], sampleCount: samples.count, fingerprint: summary.fingerprint,
                  frameEnergies: summary.energies)
    }

    /// The fingerprint of `samples` alone, without their energies: a reply chunk of a hash-only
    /// run, which nothing reads the energies of (the VAD reads mic audio only, and a hash-only
    /// trace keeps energies for mic chunks alone). `hasEnergies` is false, as for a reply chunk
    /// restored from such a trace. Equal to `AudioChunk(samples:)` of the same samples.
    /// - Complexity: O(`samples.count`), about half the work of a full summary.
    public init(fingerprinting samples: UnsafeBufferPointer<Int16>) {
        self.init(samples: [], sampleCount: samples.count, fingerprint: AudioChunk.fingerprint(samples),
                  frameEnergies: [])
    }

    /// A chunk known only by its summary (hash-only traces). `frameEnergies` is empty when they
    /// are unknown, else one per frame; each is rounded down to `energyBitsKept` significant bits,
    /// and the fingerprint keeps its low 32 bits.
    /// - Complexity: O(frames)
    public init(sampleCount: Int, fingerprint: UInt64, frameEnergies: [UInt32]) {
        // Usually already kept to the precision (a summary's own energies): shared, not copied.
        let energies = frameEnergies.allSatisfy { AudioChunk.keptPrecision($0) == $0 }
            ? frameEnergies : frameEnergies.map(AudioChunk.keptPrecision)
        self.init(samples: [], sampleCount: sampleCount, fingerprint: fingerprint & AudioChunk.fingerprintMask,
                  frameEnergies: energies)
    }

    public var hasSamples: Bool { samples.count == sampleCount }
    /// Whether the frame energies are known (always, unless restored from a hash-only trace
    /// that had no use for them).
    public var hasEnergies: Bool { frameEnergies.count == AudioChunk.frameCount(samples: sampleCount) }
    public var durationMicros: Int64 { AudioFormat.micros(samples: sampleCount) }

    /// The same chunk without its frame energies (what a hash-only trace keeps of reply audio).
    public var withoutEnergies: AudioChunk {
        AudioChunk(samples: samples, sampleCount: sampleCount, fingerprint: fingerprint, frameEnergies: [])
    }

    /// Number of 20 ms frames (a partial last frame counts).
    public static func frameCount(samples: Int) -> Int {
        (samples + AudioFormat.frameSamples - 1) / AudioFormat.frameSamples
    }

    /// The bits a fingerprint may have.
    public static let fingerprintMask: UInt64 = 0xFFFF_FFFF

    /// `energy` rounded down to `energyBitsKept` significant bits.
    @inline(__always)
    public static func keptPrecision(_ energy: UInt32) -> UInt32 {
        let dropped = max(0, UInt32.bitWidth - energy.leadingZeroBitCount - energyBitsKept)
        return (energy >> UInt32(dropped)) << UInt32(dropped)
    }

    /// The fingerprint folds 4-sample little-endian words into four independent lanes (so
    /// the multiplies pipeline instead of waiting on each other), then mixes the lanes; the
    /// energy pass sums squares per 20 ms frame. Audio dominates a simulated call's work, so
    /// both run over raw memory without per-sample overhead, in one pass: the fingerprint's
    /// multiply chains leave the vector unit idle, and the squares of each 32-byte block (two
    /// `pmaddwd`) fill it. A lane's step is one multiply and a shift-xor: with a rotate, the
    /// optimiser folded the rotate's left shift into a second multiply, and the multiplier was
    /// the bottleneck. (Two sets of lanes taking blocks in turn cost the squares their `pmaddwd`.)
    static func summarize(_ samples: [Int16]) -> (fingerprint: UInt64, energies: [UInt32]) {
        samples.withUnsafeBufferPointer { summarize($0) }
    }

    /// The same over samples in raw memory (a buffer audio is rendered into).
    static func summarize(_ buffer: UnsafeBufferPointer<Int16>) -> (fingerprint: UInt64, energies: [UInt32]) {
        let count = buffer.count
        let frames = frameCount(samples: count)
        // Built by appending, which the optimiser specialises (a generic allocation
        // looks up the array's type metadata at run time on every call).
        var energies: [UInt32] = []
        energies.reserveCapacity(frames)
        energies.append(contentsOf: repeatElement(0, count: frames))
        guard let base = buffer.baseAddress else { return (mix(0x9E37_79B9_7F4A_7C15) & fingerprintMask, energies) }
        let raw = UnsafeRawPointer(base)
        var lanes = FingerprintLanes()
        let byteCount = count &* 2
        let frameBytes = AudioFormat.frameSamples &* 2
        var offset = 0
        energies.withUnsafeMutableBufferPointer { energy in
            var frame = 0
            // Whole frames: 640 bytes, twenty fingerprint blocks.
            while offset &+ frameBytes <= byteCount {
                var sumSquares = SIMD4<UInt64>()
                let end = offset &+ frameBytes
                while offset < end {
                    lanes.fold(raw, offset)
                    sumSquares &+= squares(raw, offset)
                    offset &+= FingerprintLanes.blockBytes
                }
                energy[frame] = keptPrecision(
                    UInt32(truncatingIfNeeded: sumSquares.wrappedSum() / UInt64(AudioFormat.frameSamples)))
                frame &+= 1
            }
            // A partial last frame.
            let start = offset / 2
            if start < count {
                var sumSquares: UInt64 = 0
                for index in start..<count {
                    let sample = Int32(base[index])
                    sumSquares &+= UInt64(UInt32(bitPattern: sample &* sample))
                }
                energy[frame] = keptPrecision(UInt32(truncatingIfNeeded: sumSquares / UInt64(count &- start)))
            }
        }
        return (lanes.finished(raw, from: offset, byteCount: byteCount, sampleCount: count), energies)
    }

    /// The fingerprint `summarize` gives, without the energies: the same blocks folded in the
    /// same order, then the same tail.
    static func fingerprint(_ buffer: UnsafeBufferPointer<Int16>) -> UInt64 {
        guard let base = buffer.baseAddress else { return mix(0x9E37_79B9_7F4A_7C15) & fingerprintMask }
        return FingerprintLanes().finished(
            UnsafeRawPointer(base), from: 0, byteCount: buffer.count &* 2, sampleCount: buffer.count)
    }

    /// The fingerprint's four lanes.
    private struct FingerprintLanes {
        static let blockBytes = 32
        static let key: UInt64 = 0x9FB2_1C65_1E98_DF25
        var l0: UInt64 = 0x9E37_79B9_7F4A_7C15
        var l1: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var l2: UInt64 = 0x1656_67B1_9E37_79F9
        var l3: UInt64 = 0x27D4_EB2F_1656_67C5

        /// Folds the 32-byte block at `offset`, one 8-byte word per lane.
        @inline(__always)
        mutating func fold(_ raw: UnsafeRawPointer, _ offset: Int) {
            l0 = FingerprintLanes.step(l0, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            l1 = FingerprintLanes.step(l1, raw.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt64.self))
            l2 = FingerprintLanes.step(l2, raw.loadUnaligned(fromByteOffset: offset &+ 16, as: UInt64.self))
            l3 = FingerprintLanes.step(l3, raw.loadUnaligned(fromByteOffset: offset &+ 24, as: UInt64.self))
        }

        /// Folds the whole blocks from `offset` on, then hashes the bytes after the last one, and
        /// mixes the lanes, the tail and the sample count into the fingerprint.
        @inline(__always)
        func finished(_ raw: UnsafeRawPointer, from offset: Int, byteCount: Int, sampleCount: Int) -> UInt64 {
            var lanes = self
            var offset = offset
            while offset &+ FingerprintLanes.blockBytes <= byteCount {
                lanes.fold(raw, offset)
                offset &+= FingerprintLanes.blockBytes
            }
            var tail: UInt64 = 0xFF
            while offset < byteCount {
                tail = mix(tail ^ UInt64(raw.load(fromByteOffset: offset, as: UInt8.self)))
                offset &+= 1
            }
            let hash = mix(mix(mix(mix(UInt64(sampleCount) ^ lanes.l0) ^ lanes.l1) ^ lanes.l2) ^ lanes.l3 ^ tail)
            return hash & fingerprintMask
        }

        @inline(__always)
        static func step(_ lane: UInt64, _ word: UInt64) -> UInt64 {
            let product = (lane ^ word) &* key
            return product ^ (product &>> 29)
        }
    }

    /// Sum of squares of the 16 samples at `offset`, in four partial sums: adjacent pairs
    /// are added in 32 bits (at most 2³¹, so the pair fits as unsigned), then widened.
    @inline(__always)
    private static func squares(_ raw: UnsafeRawPointer, _ offset: Int) -> SIMD4<UInt64> {
        let block = raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int16>.self)
        let even = SIMD8<Int32>(truncatingIfNeeded: block.evenHalf)
        let odd = SIMD8<Int32>(truncatingIfNeeded: block.oddHalf)
        let pairs = SIMD8<UInt32>(truncatingIfNeeded: even &* even &+ odd &* odd)
        return SIMD4<UInt64>(truncatingIfNeeded: pairs.lowHalf) &+ SIMD4<UInt64>(truncatingIfNeeded: pairs.highHalf)
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 31)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 29)
    }
}

extension AudioChunk: Equatable {
    /// Chunks are equal when their sample counts and fingerprints are: a hash-only chunk equals
    /// the full one, with or without its energies (a function of the same samples).
    public static func == (lhs: AudioChunk, rhs: AudioChunk) -> Bool {
        lhs.sampleCount == rhs.sampleCount && lhs.fingerprint == rhs.fingerprint
    }
}

extension AudioChunk: CustomStringConvertible {
    public var description: String { "audio(\(sampleCount) samples, #\(hex16(fingerprint).suffix(8)))" }
}

/// A block of PCM16 mono audio with its fingerprint and per-frame energy.
///
/// The fingerprint and the 20 ms frame energies are computed once, when the chunk
/// is made, in one pass over the samples: digests, traces and the VAD all read
/// them instead of the samples. A chunk restored from a hash-only trace has the
/// summary but no samples (`hasSamples == false`); the core never needs more,
/// because the VAD reads only `frameEnergies`.
public struct AudioChunk: Sendable {
    /// The samples, or empty when only the summary is known.
    public let samples: [Int16]
    public let sampleCount: Int
    public let fingerprint: UInt64
    /// Mean square amplitude of each 20 ms frame; the last frame may be partial.
    public let frameEnergies: [UInt32]
}

extension AudioChunk {
    /// Summarises `samples`.
    /// - Complexity: O(`samples.count`)
    public init(samples: [Int16]) {
        let summary = AudioChunk.summarize(samples)
        self.init(samples: samples, sampleCount: samples.count, fingerprint: summary.fingerprint,
                  frameEnergies: summary.energies)
    }

    /// A chunk known only by its summary (hash-only traces).
    public init(sampleCount: Int, fingerprint: UInt64, frameEnergies: [UInt32]) {
        self.init(samples: [], sampleCount: sampleCount, fingerprint: fingerprint, frameEnergies: frameEnergies)
    }

    public var hasSamples: Bool { samples.count == sampleCount }
    public var durationMicros: Int64 { AudioFormat.micros(samples: sampleCount) }

    /// Number of 20 ms frames (a partial last frame counts).
    public static func frameCount(samples: Int) -> Int {
        (samples + AudioFormat.frameSamples - 1) / AudioFormat.frameSamples
    }

    /// The fingerprint folds 4-sample little-endian words into four independent lanes
    /// (so the multiplies pipeline instead of waiting on each other), then mixes the
    /// lanes; the energy pass sums squares per 20 ms frame. Audio dominates a simulated
    /// call's work, so both run over raw memory without per-sample overhead, in one pass:
    /// the fingerprint's multiply chains leave the vector unit idle, and the squares of
    /// each 32-byte block (two `pmaddwd`) fill it.
    static func summarize(_ samples: [Int16]) -> (fingerprint: UInt64, energies: [UInt32]) {
        samples.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            let frames = frameCount(samples: count)
            // Built by appending, which the optimiser specialises (a generic allocation
            // looks up the array's type metadata at run time on every call).
            var energies: [UInt32] = []
            energies.reserveCapacity(frames)
            energies.append(contentsOf: repeatElement(0, count: frames))
            guard let base = buffer.baseAddress else { return (mix(0x9E37_79B9_7F4A_7C15), energies) }
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
                    energy[frame] = UInt32(truncatingIfNeeded: sumSquares.wrappedSum() / UInt64(AudioFormat.frameSamples))
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
                    energy[frame] = UInt32(truncatingIfNeeded: sumSquares / UInt64(count &- start))
                }
            }
            while offset &+ FingerprintLanes.blockBytes <= byteCount {
                lanes.fold(raw, offset)
                offset &+= FingerprintLanes.blockBytes
            }
            var tail: UInt64 = 0xFF
            while offset < byteCount {
                tail = mix(tail ^ UInt64(raw.load(fromByteOffset: offset, as: UInt8.self)))
                offset &+= 1
            }
            let fingerprint = mix(mix(mix(mix(UInt64(count) ^ lanes.l0) ^ lanes.l1) ^ lanes.l2) ^ lanes.l3 ^ tail)
            return (fingerprint, energies)
        }
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
            let key = FingerprintLanes.key
            l0 = ((l0 ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* key).rotated(29)
            l1 = ((l1 ^ raw.loadUnaligned(fromByteOffset: offset &+ 8, as: UInt64.self)) &* key).rotated(29)
            l2 = ((l2 ^ raw.loadUnaligned(fromByteOffset: offset &+ 16, as: UInt64.self)) &* key).rotated(29)
            l3 = ((l3 ^ raw.loadUnaligned(fromByteOffset: offset &+ 24, as: UInt64.self)) &* key).rotated(29)
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
    /// Chunks are equal when their summaries are: a hash-only chunk equals the full one.
    public static func == (lhs: AudioChunk, rhs: AudioChunk) -> Bool {
        lhs.sampleCount == rhs.sampleCount && lhs.fingerprint == rhs.fingerprint
            && lhs.frameEnergies == rhs.frameEnergies
    }
}

extension AudioChunk: CustomStringConvertible {
    public var description: String { "audio(\(sampleCount) samples, #\(hex16(fingerprint)))" }
}

extension UInt64 {
    @inline(__always)
    fileprivate func rotated(_ bits: UInt64) -> UInt64 { (self &<< bits) | (self &>> (64 &- bits)) }
}

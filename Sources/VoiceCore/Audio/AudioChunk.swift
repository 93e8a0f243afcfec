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
    /// call's work, so both run over raw memory without per-sample overhead.
    static func summarize(_ samples: [Int16]) -> (fingerprint: UInt64, energies: [UInt32]) {
        samples.withUnsafeBufferPointer { buffer in
            var energies = [UInt32](repeating: 0, count: frameCount(samples: buffer.count))
            guard let base = buffer.baseAddress else { return (mix(0x9E37_79B9_7F4A_7C15), energies) }
            var start = 0
            var frame = 0
            while start < buffer.count {
                let stop = min(start + AudioFormat.frameSamples, buffer.count)
                var sumSquares: UInt64 = 0
                for index in start..<stop {
                    let sample = Int32(base[index])
                    sumSquares &+= UInt64(UInt32(bitPattern: sample &* sample))
                }
                energies[frame] = UInt32(sumSquares / UInt64(stop - start))
                frame += 1
                start = stop
            }
            return (fingerprint(base, count: buffer.count), energies)
        }
    }

    private static func fingerprint(_ base: UnsafePointer<Int16>, count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F,
                                                       0x1656_67B1_9E37_79F9, 0x27D4_EB2F_1656_67C5)
        let key: UInt64 = 0x9FB2_1C65_1E98_DF25
        var offset = 0
        let blockBytes = 32
        let byteCount = count * 2
        while offset + blockBytes <= byteCount {
            lanes.0 = ((lanes.0 ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* key).rotated(29)
            lanes.1 = ((lanes.1 ^ raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)) &* key).rotated(29)
            lanes.2 = ((lanes.2 ^ raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)) &* key).rotated(29)
            lanes.3 = ((lanes.3 ^ raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)) &* key).rotated(29)
            offset += blockBytes
        }
        var tail: UInt64 = 0xFF
        while offset < byteCount {
            tail = mix(tail ^ UInt64(raw.load(fromByteOffset: offset, as: UInt8.self)))
            offset += 1
        }
        return mix(mix(mix(mix(UInt64(count) ^ lanes.0) ^ lanes.1) ^ lanes.2) ^ lanes.3 ^ tail)
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

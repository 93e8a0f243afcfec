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

    static func summarize(_ samples: [Int16]) -> (fingerprint: UInt64, energies: [UInt32]) {
        samples.withUnsafeBufferPointer { buffer in
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(buffer.count)
            var energies: [UInt32] = []
            energies.reserveCapacity(frameCount(samples: buffer.count))
            var start = 0
            while start < buffer.count {
                let stop = min(start + AudioFormat.frameSamples, buffer.count)
                var sumSquares: UInt64 = 0
                var word: UInt64 = 0
                for index in start..<stop {
                    let sample = Int64(buffer[index])
                    sumSquares &+= UInt64(sample * sample)
                    word = (word << 16) | UInt64(UInt16(bitPattern: buffer[index]))
                    if index & 3 == 3 {
                        hash = mix(hash ^ word)
                        word = 0
                    }
                }
                if stop & 3 != 0 && stop == buffer.count { hash = mix(hash ^ word ^ 0xFF) }
                energies.append(UInt32(sumSquares / UInt64(stop - start)))
                start = stop
            }
            return (mix(hash), energies)
        }
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

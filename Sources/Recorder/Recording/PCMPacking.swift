import VoiceCore

/// How full-audio sessions store a chunk's samples: predicted, then split into byte planes,
/// so deflate sees small, similar bytes instead of raw PCM.
///
///     byte    predictor order: 0 (the sample), 1 (previous sample), 2 (linear, 2·s₋₁ − s₋₂)
///     varint  sample count
///     bytes   low bytes of the zig-zagged residuals, then their high bytes
///
/// Each chunk uses the order with the smallest total residual: silence with room noise is
/// best left alone (differences of white noise are larger than the noise), voiced speech and
/// the clean TTS voice predict well. Residuals use wrapping Int16 arithmetic, so every chunk
/// round-trips exactly whatever its samples.
enum PCMPacking {
    /// The packed form of `samples`.
    /// - Complexity: O(`samples.count`), two passes, no per-sample allocation.
    static func pack(_ samples: [Int16]) -> [UInt8] {
        let count = samples.count
        let order = bestOrder(samples)
        var header = ByteWriter(capacity: 11)
        header.write(order)
        header.writeVarint(UInt64(count))
        let headerCount = header.bytes.count
        var packed = header.bytes
        packed.append(contentsOf: repeatElement(0, count: 2 * count))
        samples.withUnsafeBufferPointer { source in
            packed.withUnsafeMutableBufferPointer { target in
                var previous: Int16 = 0
                var beforePrevious: Int16 = 0
                for index in 0..<count {
                    let sample = source[index]
                    let prediction: Int16 =
                        switch order {
                        case 0: 0
                        case 1: previous
                        default: previous &+ previous &- beforePrevious
                        }
                    let residual = sample &- prediction
                    let zigzag = UInt16(bitPattern: (residual &<< 1) ^ (residual >> 15))
                    target[headerCount + index] = UInt8(truncatingIfNeeded: zigzag)
                    target[headerCount + count + index] = UInt8(truncatingIfNeeded: zigzag >> 8)
                    beforePrevious = previous
                    previous = sample
                }
            }
        }
        return packed
    }

    /// The samples `pack` was given; malformed input throws.
    static func unpack(_ packed: [UInt8]) throws(DecodeError) -> [Int16] {
        var reader = ByteReader(packed)
        let order = try reader.readByte("PCM predictor order")
        guard order <= 2 else { throw reader.error("PCM predictor order", .valueOutOfRange("order \(order)")) }
        let count = try reader.readVarint("PCM sample count", as: Int.self)
        guard count <= AudioFormat.chunkSamplesMax else {
            throw reader.error(
                "PCM sample count", .lengthLimit(length: UInt64(count), limit: UInt64(AudioFormat.chunkSamplesMax)))
        }
        let planes = reader.offset
        guard reader.remaining == 2 * count else {
            throw reader.error("PCM planes", .valueOutOfRange("\(reader.remaining) bytes for \(count) samples"))
        }
        return [Int16](unsafeUninitializedCapacity: count) { buffer, initialized in
            packed.withUnsafeBufferPointer { source in
                var previous: Int16 = 0
                var beforePrevious: Int16 = 0
                for index in 0..<count {
                    let zigzag = UInt16(source[planes + index]) | UInt16(source[planes + count + index]) << 8
                    let residual = Int16(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
                    let prediction: Int16 =
                        switch order {
                        case 0: 0
                        case 1: previous
                        default: previous &+ previous &- beforePrevious
                        }
                    let sample = prediction &+ residual
                    buffer[index] = sample
                    beforePrevious = previous
                    previous = sample
                }
            }
            initialized = count
        }
    }

    /// The predictor order (0, 1 or 2) with the smallest sum of absolute residuals.
    static func bestOrder(_ samples: [Int16]) -> UInt8 {
        samples.withUnsafeBufferPointer { source in
            var sums: (Int64, Int64, Int64) = (0, 0, 0)
            var previous: Int32 = 0
            var beforePrevious: Int32 = 0
            for sample in source {
                let value = Int32(sample)
                sums.0 += Int64(abs(value))
                sums.1 += Int64(abs(value - previous))
                sums.2 += Int64(abs(value - 2 * previous + beforePrevious))
                beforePrevious = previous
                previous = value
            }
            if sums.0 <= sums.1 && sums.0 <= sums.2 { return 0 }
            return sums.1 <= sums.2 ? 1 : 2
        }
    }
}

import VoiceCore

/// How full-audio sessions store a chunk's samples: predicted, then coded so the audio
/// payload's deflate has little left to do.
///
///     byte    method: predictor order (bits 0–1) | coding << 4
///     varint  sample count
///     coding 0 (byte planes): the low bytes of the zig-zagged residuals, then their high bytes
///     coding 1 (Rice): one byte k per partition of `partitionSamples`, then the residuals as a
///              bit stream (most significant bit first): v >> k in unary (ones, then a zero),
///              then the k low bits of v
///
/// Predictors: 0 (the sample itself), 1 (the previous sample), 2 (linear, 2·s₋₁ − s₋₂); each
/// chunk uses the one with the smallest total residual. Silence with room noise is best left
/// alone (differences of white noise are larger than the noise); voiced audio predicts well.
///
/// Codings: byte planes leave deflate a skewed low plane and a near-constant high plane, best
/// when residuals fit a byte (silence). Voiced audio with breath noise has residuals of 9–11
/// bits, whose high plane deflate's Huffman codes poorly (≥ 1 bit a symbol, shared tables);
/// Rice codes them within a few percent of their entropy. Each chunk takes whichever of the
/// two the estimate says is smaller (integer arithmetic only, so packing is the same everywhere).
///
/// Residuals use wrapping Int16 arithmetic, so every chunk round-trips exactly, whatever its samples.
enum PCMPacking {
    static let partitionSamples = 320
    static let planesCoding: UInt8 = 0
    static let riceCoding: UInt8 = 1

    /// The packed form of `samples`.
    /// - Complexity: O(`samples.count`), a few passes, no per-sample allocation.
    static func pack(_ samples: [Int16]) -> [UInt8] {
        let order = bestOrder(samples)
        let residuals = zigzagResiduals(samples, order: order)
        let rice = riceParameters(residuals)
        let coding = rice.bits * 100 < planesBitsEstimate(residuals) * 97 ? riceCoding : planesCoding
        var packed = ByteWriter(capacity: 12 + 2 * samples.count)
        packed.write(order | coding << 4)
        packed.writeVarint(UInt64(samples.count))
        if coding == riceCoding {
            writeRice(residuals, parameters: rice.parameters, to: &packed)
        } else {
            writePlanes(residuals, to: &packed)
        }
        return packed.bytes
    }

    /// The samples `pack` was given; malformed input throws.
    static func unpack(_ packed: [UInt8]) throws(DecodeError) -> [Int16] {
        var reader = ByteReader(packed)
        let method = try reader.readByte("PCM method")
        let (order, coding) = (method & 0x0F, method >> 4)
        guard order <= 2, coding <= riceCoding else {
            throw reader.error("PCM method", .valueOutOfRange("method \(method)"))
        }
        let count = try reader.readVarint("PCM sample count", as: Int.self)
        guard count <= AudioFormat.chunkSamplesMax else {
            throw reader.error(
                "PCM sample count", .lengthLimit(length: UInt64(count), limit: UInt64(AudioFormat.chunkSamplesMax)))
        }
        let residuals =
            coding == riceCoding
            ? try readRice(count, from: &reader) : try readPlanes(count, from: &reader)
        return samples(fromZigzag: residuals, order: order)
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

// Prediction.
extension PCMPacking {
    @inline(__always)
    static func prediction(_ order: UInt8, _ previous: Int16, _ beforePrevious: Int16) -> Int16 {
        switch order {
        case 0: 0
        case 1: previous
        default: previous &+ previous &- beforePrevious
        }
    }

    static func zigzagResiduals(_ samples: [Int16], order: UInt8) -> [UInt16] {
        [UInt16](unsafeUninitializedCapacity: samples.count) { buffer, initialized in
            samples.withUnsafeBufferPointer { source in
                var previous: Int16 = 0
                var beforePrevious: Int16 = 0
                for index in 0..<source.count {
                    let residual = source[index] &- prediction(order, previous, beforePrevious)
                    buffer[index] = UInt16(bitPattern: (residual &<< 1) ^ (residual >> 15))
                    beforePrevious = previous
                    previous = source[index]
                }
            }
            initialized = samples.count
        }
    }

    static func samples(fromZigzag residuals: [UInt16], order: UInt8) -> [Int16] {
        [Int16](unsafeUninitializedCapacity: residuals.count) { buffer, initialized in
            var previous: Int16 = 0
            var beforePrevious: Int16 = 0
            for index in 0..<residuals.count {
                let zigzag = residuals[index]
                let residual = Int16(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
                let sample = prediction(order, previous, beforePrevious) &+ residual
                buffer[index] = sample
                beforePrevious = previous
                previous = sample
            }
            initialized = residuals.count
        }
    }
}

// Byte planes.
extension PCMPacking {
    static func writePlanes(_ residuals: [UInt16], to packed: inout ByteWriter) {
        let low = residuals.map { UInt8(truncatingIfNeeded: $0) }
        let high = residuals.map { UInt8(truncatingIfNeeded: $0 >> 8) }
        low.withUnsafeBytes { packed.write(bytes: $0) }
        high.withUnsafeBytes { packed.write(bytes: $0) }
    }

    static func readPlanes(_ count: Int, from reader: inout ByteReader) throws(DecodeError) -> [UInt16] {
        guard reader.remaining == 2 * count else {
            throw reader.error("PCM planes", .valueOutOfRange("\(reader.remaining) bytes for \(count) samples"))
        }
        return try reader.withRawBytes(2 * count, "PCM planes") { raw in
            (0..<count).map { UInt16(raw[$0]) | UInt16(raw[count + $0]) << 8 }
        }
    }

    /// About the bits deflate will take for the two planes (integer arithmetic, log₂ with 4
    /// fractional bits). When the high plane is nearly all zero (residuals fit a byte), deflate
    /// codes its zero runs as matches and the low plane's order-0 entropy is the cost. Otherwise
    /// both planes share deflate's Huffman tables (the payload interleaves chunks' planes), so
    /// the cost is the entropy of their mixed byte distribution.
    static func planesBitsEstimate(_ residuals: [UInt16]) -> Int {
        var low = [Int](repeating: 0, count: 256)
        var high = [Int](repeating: 0, count: 256)
        for value in residuals {
            low[Int(value & 0xFF)] += 1
            high[Int(value >> 8)] += 1
        }
        let nonzeroHigh = residuals.count - high[0]
        if nonzeroHigh * 16 <= residuals.count {
            return entropyBits(low, total: residuals.count) + 16 * nonzeroHigh
        }
        let mixed = (0..<256).map { low[$0] + high[$0] }
        return entropyBits(mixed, total: 2 * residuals.count)
    }

    /// Σ count · log₂(total / count), in bits.
    static func entropyBits(_ histogram: [Int], total: Int) -> Int {
        var sixteenths = 0
        for count in histogram where count > 0 { sixteenths += count * (log2Sixteenths(total) - log2Sixteenths(count)) }
        return sixteenths / 16
    }

    /// log₂(`value`) × 16, rounded down, for `value` ≥ 1 (linear between powers of two).
    static func log2Sixteenths(_ value: Int) -> Int {
        let exponent = Int.bitWidth - 1 - value.leadingZeroBitCount
        let fraction = exponent >= 4 ? (value >> (exponent - 4)) & 0xF : (value << (4 - exponent)) & 0xF
        return exponent * 16 + fraction
    }
}

// Rice coding.
extension PCMPacking {
    /// The best Rice parameter of each partition and the total bits they give.
    static func riceParameters(_ residuals: [UInt16]) -> (parameters: [UInt8], bits: Int) {
        var parameters: [UInt8] = []
        var bits = 0
        var start = 0
        while start < residuals.count {
            let end = min(start + partitionSamples, residuals.count)
            var sum = 0
            for index in start..<end { sum += Int(residuals[index]) }
            let mean = max(1, sum / (end - start))
            let guess = Int.bitWidth - 1 - mean.leadingZeroBitCount
            var best = (k: 0, bits: Int.max)
            for k in max(0, guess - 1)...min(15, guess + 1) {
                var cost = (end - start) * (k + 1)
                for index in start..<end { cost += Int(residuals[index] >> UInt16(k)) }
                if cost < best.bits { best = (k, cost) }
            }
            parameters.append(UInt8(best.k))
            bits += best.bits + 8
            start = end
        }
        return (parameters, bits)
    }

    static func writeRice(_ residuals: [UInt16], parameters: [UInt8], to packed: inout ByteWriter) {
        for k in parameters { packed.write(k) }
        var writer = BitWriter()
        for (partition, k) in parameters.enumerated() {
            let start = partition * partitionSamples
            for index in start..<min(start + partitionSamples, residuals.count) {
                let value = UInt64(residuals[index])
                writer.writeOnes(Int(value >> UInt64(k)))
                // k + 1 bits of the k low bits: the unary run's terminating zero comes first.
                writer.write(value & ((1 << UInt64(k)) - 1), bits: Int(k) + 1)
            }
        }
        writer.finish(into: &packed)
    }

    static func readRice(_ count: Int, from reader: inout ByteReader) throws(DecodeError) -> [UInt16] {
        let partitions = (count + partitionSamples - 1) / partitionSamples
        var parameters: [UInt8] = []
        for _ in 0..<partitions {
            let k = try reader.readByte("Rice parameter")
            guard k <= 15 else { throw reader.error("Rice parameter", .valueOutOfRange("k = \(k)")) }
            parameters.append(k)
        }
        let bytes = try reader.withRawBytes(reader.remaining, "Rice bits") { Array($0) }
        var bits = BitReader(bytes)
        var residuals: [UInt16] = []
        residuals.reserveCapacity(count)
        for index in 0..<count {
            let k = Int(parameters[index / partitionSamples])
            guard let quotient = bits.readOnes(limit: 0xFFFF >> k), let low = bits.read(k) else {
                throw DecodeError(
                    context: "Rice residual \(index)", offset: reader.offset,
                    reason: .valueOutOfRange(
                        "the bit stream ends early or a unary run is too long"))
            }
            residuals.append(UInt16(truncatingIfNeeded: quotient << k | Int(low)))
        }
        guard bits.onlyPaddingLeft else {
            throw DecodeError(context: "Rice bits", offset: reader.offset, reason: .trailingBytes(bits.bytesLeft))
        }
        return residuals
    }
}

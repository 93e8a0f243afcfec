import VoiceCore

/// Writes bits most significant first (`PCMPacking`'s Rice coding, `TimeResidualPacking`).
struct BitWriter {
    var bytes: [UInt8] = []
    /// Pending bits, right-aligned; fewer than 8 between calls.
    var buffer: UInt64 = 0
    var count = 0
}

extension BitWriter {
    /// The low `bits` bits of `value` (1...56), most significant first.
    @inline(__always)
    mutating func write(_ value: UInt64, bits: Int) {
        buffer = buffer << UInt64(bits) | value
        count += bits
        while count >= 8 {
            count -= 8
            bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt64(count)))
        }
    }

    /// `run` one bits.
    @inline(__always)
    mutating func writeOnes(_ run: Int) {
        var left = run
        while left > 0 {
            let bits = min(left, 32)
            write((1 << UInt64(bits)) - 1, bits: bits)
            left -= bits
        }
    }

    /// Empties the writer, keeping its buffer.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        buffer = 0
        count = 0
    }

    /// Pads the last byte with zeros and appends everything to `sink`.
    mutating func finish(into sink: inout ByteWriter) {
        if count > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer << UInt64(8 - count))) }
        count = 0
        bytes.withUnsafeBytes { sink.write(bytes: $0) }
    }
}

/// Reads what `BitWriter` wrote; running out of bits gives nil, never a trap.
struct BitReader {
    let bytes: [UInt8]
    var position = 0
    /// Available bits, left-aligned (bit 63 is the next one).
    var buffer: UInt64 = 0
    var count = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }
}

extension BitReader {
    @inline(__always)
    mutating func refill() {
        while count <= 56 && position < bytes.count {
            buffer |= UInt64(bytes[position]) << UInt64(56 - count)
            position += 1
            count += 8
        }
    }

    @inline(__always)
    mutating func consume(_ bits: Int) {
        buffer = bits == 64 ? 0 : buffer << UInt64(bits)
        count -= bits
    }

    /// A run of ones and its terminating zero; nil when the bits end first or the run exceeds `limit`.
    mutating func readOnes(limit: Int) -> Int? {
        var run = 0
        while true {
            refill()
            guard count > 0 else { return nil }
            let ones = min((~buffer).leadingZeroBitCount, count)
            run += ones
            guard run <= limit else { return nil }
            if ones < count {
                consume(ones + 1)
                return run
            }
            consume(ones)
        }
    }

    /// The next `bits` bits (0...56) as a number; nil when fewer are left.
    mutating func read(_ bits: Int) -> UInt64? {
        guard bits > 0 else { return 0 }
        refill()
        guard count >= bits else { return nil }
        let value = buffer >> UInt64(64 - bits)
        consume(bits)
        return value
    }

    /// Whether all that is left is the zero padding of the last byte.
    var onlyPaddingLeft: Bool { position == bytes.count && count < 8 && buffer == 0 }

    var bytesLeft: Int { bytes.count - position + count / 8 }
}

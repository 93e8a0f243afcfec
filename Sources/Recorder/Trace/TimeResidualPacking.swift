import VoiceCore

/// How a chunk's record time residuals (`RecordTimeModel`, zig-zagged) are stored (schema 7): a
/// column of one byte per record, the residual's bit length L (0...64), and a column of the L − 1
/// bits below each leading one, packed most significant first and padded with zeros to a byte.
///
/// Residuals are the network's jitter in microseconds: their lengths repeat and compress, their
/// low bits are noise. As varints, deflate saw the two mixed in every byte (49 kB for a 10-minute
/// call); apart, the lengths deflate to almost nothing and the bits cost what they are (41 kB).
enum TimeResidualPacking {
    /// Appends `residual`.
    static func write(_ residual: UInt64, lengths: inout ByteWriter, bits: inout BitWriter) {
        let length = UInt64.bitWidth - residual.leadingZeroBitCount
        lengths.write(UInt8(length))
        guard length >= 2 else { return }
        let below = residual ^ (1 << UInt64(length - 1))
        let count = length - 1
        // `BitWriter` takes at most 56 bits at a time.
        if count > 32 {
            bits.write(below >> 32, bits: count - 32)
            bits.write(below & 0xFFFF_FFFF, bits: 32)
        } else {
            bits.write(below, bits: count)
        }
    }

    /// The next residual; nil when the bits run out or a length is over 64 (a damaged column).
    static func read(_ length: UInt8, bits: inout BitReader) -> UInt64? {
        guard length <= 64 else { return nil }
        guard length >= 2 else { return UInt64(length) }
        let count = Int(length) - 1
        let below: UInt64
        if count > 32 {
            guard let high = bits.read(count - 32), let low = bits.read(32) else { return nil }
            below = high << 32 | low
        } else {
            guard let value = bits.read(count) else { return nil }
            below = value
        }
        return 1 << UInt64(count) | below
    }
}

/// A running 64-bit digest (FNV-1a) over canonical encodings.
///
/// Equal digests across processes, debug/release builds and machines are the
/// determinism contract. FNV-1a is byte-at-a-time and defined without any
/// platform-dependent state (unlike `Hasher`, which is seeded per process).
package struct Digest64: Hashable, Sendable, CustomStringConvertible {
    package private(set) var value: UInt64

    package init(value: UInt64 = Digest64.offsetBasis) {
        self.value = value
    }

    package static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// 16 lowercase hex digits.
    package var description: String { hex16(value) }
}

extension Digest64: ByteSink {
    package mutating func write(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Digest64.prime
    }

    package mutating func write(bytes: UnsafeRawBufferPointer) {
        var v = value
        for byte in bytes { v = (v ^ UInt64(byte)) &* Digest64.prime }
        value = v
    }
}

/// 16 lowercase hex digits, zero-padded.
package func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

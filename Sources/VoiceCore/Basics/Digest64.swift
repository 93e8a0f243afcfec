/// A running 64-bit digest (FNV-1a) over canonical encodings.
///
/// Equal digests across processes, debug/release builds and machines are the
/// determinism contract. FNV-1a is byte-at-a-time and defined without any
/// platform-dependent state (unlike `Hasher`, which is seeded per process).
public struct Digest64: Hashable, Sendable, CustomStringConvertible {
    public private(set) var value: UInt64

    public init(value: UInt64 = Digest64.offsetBasis) {
        self.value = value
    }

    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// 16 lowercase hex digits.
    public var description: String { hex16(value) }
}

extension Digest64: ByteSink {
    public mutating func write(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Digest64.prime
    }

    public mutating func write(bytes: UnsafeRawBufferPointer) {
        var v = value
        for byte in bytes { v = (v ^ UInt64(byte)) &* Digest64.prime }
        value = v
    }
}

/// 16 lowercase hex digits, zero-padded.
public func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

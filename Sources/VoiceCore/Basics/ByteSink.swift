/// Where canonical and wire encodings write: a byte buffer (`ByteWriter`) or a
/// digest (`Digest64`). One encoder per type serves the wire, traces and digests.
public protocol ByteSink {
    mutating func write(_ byte: UInt8)
    mutating func write(bytes: UnsafeRawBufferPointer)
}

extension ByteSink {
    /// LEB128 unsigned varint.
    @inlinable
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            write(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        write(UInt8(v))
    }

    /// Zig-zag signed varint.
    @inlinable
    public mutating func writeSignedVarint(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    public mutating func writeUInt64(_ value: UInt64) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { write(bytes: $0) }
    }

    public mutating func writeUInt32(_ value: UInt32) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { write(bytes: $0) }
    }

    public mutating func writeBool(_ value: Bool) { write(value ? 1 : 0) }

    /// Varint length, then UTF-8 bytes.
    public mutating func writeString(_ value: String) {
        var copy = value
        copy.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            write(bytes: UnsafeRawBufferPointer(utf8))
        }
    }

    public mutating func writeBytes(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        value.withUnsafeBytes { write(bytes: $0) }
    }
}

/// A growable byte buffer.
public struct ByteWriter: ByteSink, Sendable {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 64) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func write(_ byte: UInt8) { bytes.append(byte) }

    public mutating func write(bytes buffer: UnsafeRawBufferPointer) { bytes.append(contentsOf: buffer) }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}

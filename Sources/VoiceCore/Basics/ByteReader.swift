/// Why bytes could not be decoded. Every decoder reports one of these, never traps.
public struct DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case truncated(needed: Int, available: Int)
        case varintOverflow
        case unknownTag(UInt8)
        case invalidUTF8
        case valueOutOfRange(String)
        case lengthLimit(length: UInt64, limit: UInt64)
        case trailingBytes(Int)
    }

    /// What was being decoded (e.g. `ServerMessage.responseAudio.chunk`).
    public var context: String
    /// Byte offset in the input where the problem was found.
    public var offset: Int
    public var reason: Reason

    public init(context: String, offset: Int, reason: Reason) {
        self.context = context
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        let what: String
        switch reason {
        case .truncated(let needed, let available): what = "truncated: needs \(needed) bytes, \(available) left"
        case .varintOverflow: what = "varint longer than 64 bits"
        case .unknownTag(let tag): what = "unknown tag \(tag)"
        case .invalidUTF8: what = "string is not valid UTF-8"
        case .valueOutOfRange(let detail): what = "value out of range: \(detail)"
        case .lengthLimit(let length, let limit): what = "length \(length) exceeds limit \(limit)"
        case .trailingBytes(let count): what = "\(count) unexpected trailing bytes"
        }
        return "cannot decode \(context) at byte \(offset): \(what)"
    }
}

/// Reads what a `ByteSink` wrote, checking every bound.
public struct ByteReader {
    public let bytes: [UInt8]
    public private(set) var offset: Int
    public let end: Int

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        offset = 0
        end = bytes.count
    }

    public var remaining: Int { end - offset }
    public var isAtEnd: Bool { offset == end }
}

extension ByteReader {
    /// Strings and byte arrays longer than this are refused before any allocation.
    public static let lengthMax: UInt64 = 16 << 20

    public func error(_ context: String, _ reason: DecodeError.Reason) -> DecodeError {
        DecodeError(context: context, offset: offset, reason: reason)
    }

    public mutating func readByte(_ context: String) throws(DecodeError) -> UInt8 {
        guard offset < end else { throw error(context, .truncated(needed: 1, available: 0)) }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func readVarint(_ context: String) throws(DecodeError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte(context)
            if shift == 63 && byte > 1 { throw error(context, .varintOverflow) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw error(context, .varintOverflow) }
        }
    }

    public mutating func readSignedVarint(_ context: String) throws(DecodeError) -> Int64 {
        let raw = try readVarint(context)
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// A varint that must fit `T` (e.g. `UInt32`, `Int`).
    public mutating func readVarint<T: FixedWidthInteger>(_ context: String, as type: T.Type) throws(DecodeError) -> T {
        let raw = try readVarint(context)
        guard let value = T(exactly: raw) else { throw error(context, .valueOutOfRange("\(raw) does not fit \(T.self)")) }
        return value
    }

    public mutating func readUInt64(_ context: String) throws(DecodeError) -> UInt64 {
        try need(8, context)
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return value
    }

    public mutating func readUInt32(_ context: String) throws(DecodeError) -> UInt32 {
        try need(4, context)
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * UInt32(index)) }
        offset += 4
        return value
    }

    public mutating func readBool(_ context: String) throws(DecodeError) -> Bool {
        switch try readByte(context) {
        case 0: return false
        case 1: return true
        case let other: throw error(context, .valueOutOfRange("bool byte \(other)"))
        }
    }

    public mutating func readLength(_ context: String, limit: UInt64 = ByteReader.lengthMax) throws(DecodeError) -> Int {
        let length = try readVarint(context)
        guard length <= limit else { throw error(context, .lengthLimit(length: length, limit: limit)) }
        try need(Int(length), context)
        return Int(length)
    }

    public mutating func readString(_ context: String) throws(DecodeError) -> String {
        let length = try readLength(context)
        let slice = bytes[offset..<(offset + length)]
        guard let text = String(validating: slice, as: UTF8.self) else { throw error(context, .invalidUTF8) }
        offset += length
        return text
    }

    public mutating func readBytes(_ context: String) throws(DecodeError) -> [UInt8] {
        let length = try readLength(context)
        defer { offset += length }
        return Array(bytes[offset..<(offset + length)])
    }

    /// Hands `count` raw bytes to `body` without copying them.
    public mutating func withRawBytes<R>(
        _ count: Int, _ context: String, _ body: (UnsafeRawBufferPointer) -> R
    ) throws(DecodeError) -> R {
        try need(count, context)
        defer { offset += count }
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + count)])) }
    }

    public func expectEnd(_ context: String) throws(DecodeError) {
        guard offset == end else { throw error(context, .trailingBytes(end - offset)) }
    }

    private func need(_ count: Int, _ context: String) throws(DecodeError) {
        guard count >= 0, end - offset >= count else {
            throw error(context, .truncated(needed: count, available: end - offset))
        }
    }
}

/// File names as the file system holds them: bytes, not always UTF-8.
///
/// A Swift `String` made from a name that is not UTF-8 replaces each bad byte with U+FFFD, so a
/// trace recorded to it would land in another file. Here each byte that is not part of valid
/// UTF-8 is carried instead as one code point of U+10FF80…U+10FFFF (byte 0x80 + n as U+10FF80 + n,
/// much like Python's "surrogateescape"), and turned back into that byte whenever the name goes to
/// the operating system. Valid UTF-8 is unchanged, so ordinary names need none of this.
package enum FileSystemPath {
    /// The code points that stand for single bytes 0x80…0xFF.
    static let escapes: ClosedRange<UInt32> = 0x10FF80...0x10FFFF

    /// `bytes` as a string, each byte that is not valid UTF-8 escaped; nil when valid UTF-8 in
    /// `bytes` already holds one of the escape code points (the name would be ambiguous).
    package static func decode(_ bytes: [UInt8]) -> String? {
        var scalars = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                guard !escapes.contains(scalar.value) else { return nil }
                scalars.append(scalar)
                offset += encoded.count
            case .error(let length):
                for byte in bytes[offset..<offset + length] {
                    // Only bytes ≥ 0x80 can be invalid UTF-8; an ASCII byte stays itself.
                    let value = byte < 0x80 ? UInt32(byte) : escapes.lowerBound + UInt32(byte - 0x80)
                    scalars.append(Unicode.Scalar(value)!)
                }
                offset += length
            case .emptyInput:
                return String(scalars)
            }
        }
    }

    /// The bytes `path` names: UTF-8, with every escape code point turned back into its byte.
    /// - Complexity: O(`path.utf8.count`)
    package static func bytes(_ path: String) -> [UInt8] {
        guard path.unicodeScalars.contains(where: { escapes.contains($0.value) }) else { return Array(path.utf8) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if escapes.contains(scalar.value) {
                bytes.append(UInt8(scalar.value - escapes.lowerBound) + 0x80)
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// Calls `body` with `path` as the NUL-terminated bytes the operating system wants.
    package static func withCString<Result>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> Result) rethrows
        -> Result
    {
        let terminated = bytes(path).map { CChar(bitPattern: $0) } + [0]
        return try terminated.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// `escape` stands for a byte that is not UTF-8: `\xNN`, for showing a name.
    static func shownByte(_ escape: Unicode.Scalar) -> String? {
        guard escapes.contains(escape.value) else { return nil }
        let byte = escape.value - escapes.lowerBound + 0x80
        return "\\x" + String(byte, radix: 16, uppercase: true)
    }
}

/// Why a binary WebSocket frame was refused. Frames come from the network, so
/// every fault is reported, never trapped on.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer than `WireFrame.headerBytes` bytes arrived.
    case truncatedHeader(length: Int)
    /// The first two bytes are not "VS" (0x56 0x53).
    case badMagic(UInt8, UInt8)
    case unsupportedVersion(UInt8)
    /// A server→client frame sent to the server, or the other way round.
    case wrongDirection(expected: UInt8, actual: UInt8)
    /// The header declares a payload over `WireFrame.payloadBytesMax`.
    case oversized(length: UInt32, limit: Int)
    /// The header's payload length differs from the bytes after the header.
    case lengthMismatch(declared: UInt32, actual: Int)
    /// The payload is not a valid canonical message; offsets are from the start of the frame.
    case malformedPayload(DecodeError)

    public var description: String {
        switch self {
        case .truncatedHeader(let length):
            "wire frame of \(length) bytes is shorter than its \(WireFrame.headerBytes)-byte header"
        case .badMagic(let first, let second):
            "wire frame starts with \(hex2(first)) \(hex2(second)), not the magic \"VS\" (0x56 0x53)"
        case .unsupportedVersion(let version):
            "wire frame version \(version) is not supported (this build speaks version \(WireFrame.version))"
        case .wrongDirection(let expected, let actual):
            "wire frame direction byte is \(actual) (\(directionName(actual))), "
                + "expected \(expected) (\(directionName(expected)))"
        case .oversized(let length, let limit):
            "wire frame header declares a \(length)-byte payload, over the \(limit)-byte limit"
        case .lengthMismatch(let declared, let actual):
            "wire frame header declares a \(declared)-byte payload but \(actual) bytes follow the header"
        case .malformedPayload(let error):
            "malformed wire frame payload: \(error)"
        }
    }
}

private func hex2(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return "0x" + (digits.count == 1 ? "0" + digits : digits)
}

private func directionName(_ direction: UInt8) -> String {
    switch direction {
    case WireFrame.clientToServer: "client→server"
    case WireFrame.serverToClient: "server→client"
    default: "unknown"
    }
}

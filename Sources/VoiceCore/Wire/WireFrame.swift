/// The binary WebSocket frame of `/api/voice-v2`.
///
///     0x56 0x53 ("VS") | version (1) | direction (1 = client→server, 2 = server→client)
///     | payload length, UInt32 little-endian | payload
///
/// The payload is the message's canonical encoding with `AudioEncoding.samples`.
/// Decoding checks the header in that order and refuses any fault with its own
/// `WireError`; it never traps. The direction byte stops a misrouted frame from
/// being decoded as the other side's message (their tags overlap).
public enum WireFrame {
    public static let version: UInt8 = 1
    /// Largest payload a decoder accepts (1 MiB; a 10 s audio chunk is 320 000 bytes).
    public static let payloadBytesMax = 1 << 20
    /// Magic, version, direction and length.
    public static let headerBytes = 8

    static let magic0: UInt8 = 0x56
    static let magic1: UInt8 = 0x53
    static let clientToServer: UInt8 = 1
    static let serverToClient: UInt8 = 2
}

extension WireFrame {
    /// - Complexity: O(payload size), one allocation.
    public static func encode(_ message: ClientMessage) -> [UInt8] {
        var capacity = 32
        if case .audio(_, let chunk) = message { capacity += chunk.sampleCount * 2 }
        return frame(message, direction: clientToServer, payloadCapacity: capacity)
    }

    /// - Complexity: O(payload size), one allocation.
    public static func encode(_ message: ServerMessage) -> [UInt8] {
        var capacity = 32
        switch message {
        case .responseAudio(_, let chunk): capacity += chunk.sampleCount * 2
        case .partialTranscript(let text), .finalTranscript(let text), .error(_, let text): capacity += text.utf8.count
        default: break
        }
        return frame(message, direction: serverToClient, payloadCapacity: capacity)
    }

    public static func decodeClientMessage(_ bytes: [UInt8]) throws(WireError) -> ClientMessage {
        try decode(bytes, direction: clientToServer, as: ClientMessage.self)
    }

    public static func decodeServerMessage(_ bytes: [UInt8]) throws(WireError) -> ServerMessage {
        try decode(bytes, direction: serverToClient, as: ServerMessage.self)
    }

    static func frame<Message: CanonicalEncodable>(
        _ message: Message, direction: UInt8, payloadCapacity: Int
    ) -> [UInt8] {
        var writer = FrameWriter(capacity: headerBytes + payloadCapacity)
        writer.write(magic0)
        writer.write(magic1)
        writer.write(version)
        writer.write(direction)
        writer.writeUInt32(0)
        message.encode(to: &writer, audio: .samples)
        let payloadCount = writer.bytes.count - headerBytes
        precondition(payloadCount <= payloadBytesMax,
                     "\(Message.self) payload of \(payloadCount) bytes is over WireFrame.payloadBytesMax")
        writer.setPayloadLength(UInt32(payloadCount))
        return writer.bytes
    }

    static func decode<Message: CanonicalDecodable>(
        _ bytes: [UInt8], direction: UInt8, as type: Message.Type
    ) throws(WireError) -> Message {
        try checkHeader(bytes, direction: direction)
        var reader = ByteReader(bytes)
        do throws(DecodeError) {
            _ = try reader.withRawBytes(headerBytes, "header") { _ in () }
            let message = try Message(from: &reader, audio: .samples)
            try reader.expectEnd("\(Message.self)")
            return message
        } catch {
            throw .malformedPayload(error)
        }
    }

    /// Checks magic, version, direction and length, in that order.
    static func checkHeader(_ bytes: [UInt8], direction: UInt8) throws(WireError) {
        guard bytes.count >= headerBytes else { throw .truncatedHeader(length: bytes.count) }
        guard bytes[0] == magic0, bytes[1] == magic1 else { throw .badMagic(bytes[0], bytes[1]) }
        guard bytes[2] == version else { throw .unsupportedVersion(bytes[2]) }
        guard bytes[3] == direction else { throw .wrongDirection(expected: direction, actual: bytes[3]) }
        let declared = UInt32(bytes[4]) | UInt32(bytes[5]) << 8 | UInt32(bytes[6]) << 16 | UInt32(bytes[7]) << 24
        guard declared <= payloadBytesMax else { throw .oversized(length: declared, limit: payloadBytesMax) }
        let actual = bytes.count - headerBytes
        guard Int(declared) == actual else { throw .lengthMismatch(declared: declared, actual: actual) }
    }
}

/// A byte buffer whose header length can be filled in after the payload is written,
/// so a frame is built in one allocation without a second copy.
private struct FrameWriter: ByteSink {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ byte: UInt8) { bytes.append(byte) }

    mutating func write(bytes buffer: UnsafeRawBufferPointer) { bytes.append(contentsOf: buffer) }

    mutating func setPayloadLength(_ length: UInt32) {
        for index in 0..<4 { bytes[4 + index] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(index))) }
    }
}

import Testing
import VoiceCore

@Suite("Wire frames")
struct WireFrameTests {
    static let clientMessage = ClientMessage.audio(seq: 1, chunk: AudioChunk(samples: [1, -2, 256]))
    static let clientFrame: [UInt8] = [
        0x56, 0x53, 0x01, 0x01, 0x09, 0x00, 0x00, 0x00,  // "VS", version 1, client→server, 9 bytes
        0x03, 0x01, 0x03, 0x01, 0x00, 0xFE, 0xFF, 0x00, 0x01,  // audio, seq 1, 3 samples LE
    ]
    static let serverMessage = ServerMessage.welcome(sessionID: 0x1234, resumeToken: 7, lastReceivedSeq: 0,
                                                     resumed: false)
    static let serverFrame: [UInt8] = [
        0x56, 0x53, 0x01, 0x02, 0x06, 0x00, 0x00, 0x00,  // "VS", version 1, server→client, 6 bytes
        0x01, 0xB4, 0x24, 0x07, 0x00, 0x00,  // welcome, 0x1234, 7, 0, false
    ]

    @Test("A client audio frame and a server welcome frame have exactly the pinned bytes")
    func golden() throws {
        #expect(WireFrame.encode(Self.clientMessage) == Self.clientFrame)
        #expect(WireFrame.encode(Self.serverMessage) == Self.serverFrame)
        #expect(WireFrame.encode(ServerMessage.error(code: .refused, message: "cap"))
            == [0x56, 0x53, 0x01, 0x02, 0x06, 0x00, 0x00, 0x00, 0x0A, 0x03, 0x03, 0x63, 0x61, 0x70])
        #expect(try WireFrame.decodeClientMessage(Self.clientFrame) == Self.clientMessage)
        #expect(try WireFrame.decodeServerMessage(Self.serverFrame) == Self.serverMessage)
    }

    @Test("Audio crosses the wire with every sample, and a 10 s chunk fits in one frame")
    func samplesSurvive() throws {
        let samples = (0..<AudioFormat.chunkSamplesMax).map { Int16(truncatingIfNeeded: $0 &* 7919) }
        let message = ServerMessage.responseAudio(responseID: 3, chunk: AudioChunk(samples: samples))
        let frame = WireFrame.encode(message)
        #expect(frame.count <= WireFrame.headerBytes + WireFrame.payloadBytesMax)
        guard case .responseAudio(3, let chunk) = try WireFrame.decodeServerMessage(frame) else {
            Issue.record("not a responseAudio")
            return
        }
        #expect(chunk.samples == samples)
        #expect(chunk.hasSamples)
    }

    @Test("A frame shorter than its header is refused as truncated")
    func truncatedHeader() {
        #expect(throws: WireError.truncatedHeader(length: 0)) { try WireFrame.decodeClientMessage([]) }
        #expect(throws: WireError.truncatedHeader(length: 5)) {
            try WireFrame.decodeClientMessage(Array(Self.clientFrame.prefix(5)))
        }
        #expect(throws: WireError.truncatedHeader(length: 7)) {
            try WireFrame.decodeServerMessage(Array(Self.serverFrame.prefix(7)))
        }
    }

    @Test("A frame that does not start with VS is refused as bad magic")
    func badMagic() {
        var frame = Self.clientFrame
        frame[0] = 0x57
        #expect(throws: WireError.badMagic(0x57, 0x53)) { try WireFrame.decodeClientMessage(frame) }
        frame[0] = 0x56
        frame[1] = 0x00
        #expect(throws: WireError.badMagic(0x56, 0x00)) { try WireFrame.decodeClientMessage(frame) }
    }

    @Test("A frame of version 2 is refused as unsupported")
    func unsupportedVersion() {
        var frame = Self.serverFrame
        frame[2] = 2
        #expect(throws: WireError.unsupportedVersion(2)) { try WireFrame.decodeServerMessage(frame) }
    }

    @Test("A frame sent the other way is refused with the direction it carries")
    func wrongDirection() {
        #expect(throws: WireError.wrongDirection(expected: 2, actual: 1)) {
            try WireFrame.decodeServerMessage(Self.clientFrame)
        }
        #expect(throws: WireError.wrongDirection(expected: 1, actual: 2)) {
            try WireFrame.decodeClientMessage(Self.serverFrame)
        }
        var frame = Self.clientFrame
        frame[3] = 0
        #expect(throws: WireError.wrongDirection(expected: 1, actual: 0)) { try WireFrame.decodeClientMessage(frame) }
    }

    @Test("A declared payload over 1 MiB is refused before the payload is looked at")
    func oversized() {
        var frame = Self.clientFrame
        frame[4] = 0x01
        frame[5] = 0x00
        frame[6] = 0x10
        frame[7] = 0x00
        #expect(throws: WireError.oversized(length: 0x10_0001, limit: 1 << 20)) {
            try WireFrame.decodeClientMessage(frame)
        }
        frame[4...7] = [0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: WireError.oversized(length: UInt32.max, limit: WireFrame.payloadBytesMax)) {
            try WireFrame.decodeClientMessage(frame)
        }
    }

    @Test("A payload longer or shorter than its header says is refused as a length mismatch")
    func lengthMismatch() {
        #expect(throws: WireError.lengthMismatch(declared: 9, actual: 10)) {
            try WireFrame.decodeClientMessage(Self.clientFrame + [0])
        }
        #expect(throws: WireError.lengthMismatch(declared: 9, actual: 8)) {
            try WireFrame.decodeClientMessage(Array(Self.clientFrame.dropLast()))
        }
        #expect(throws: WireError.lengthMismatch(declared: 6, actual: 0)) {
            try WireFrame.decodeServerMessage(Array(Self.serverFrame.prefix(8)))
        }
    }

    @Test("A well-framed garbage payload is refused as malformed, with the decoder's reason and frame offset")
    func garbagePayload() {
        let unknownTag: [UInt8] = [0x56, 0x53, 0x01, 0x01, 0x01, 0x00, 0x00, 0x00, 0xFF]
        #expect(throws: WireError.malformedPayload(
            DecodeError(context: "ClientMessage.tag", offset: 8, reason: .unknownTag(0xFF)))) {
            try WireFrame.decodeClientMessage(unknownTag)
        }
        let trailing: [UInt8] = [0x56, 0x53, 0x01, 0x01, 0x02, 0x00, 0x00, 0x00, 0x07, 0x00]
        #expect(throws: WireError.malformedPayload(
            DecodeError(context: "ClientMessage", offset: 9, reason: .trailingBytes(1)))) {
            try WireFrame.decodeClientMessage(trailing)
        }
        let shortAudio: [UInt8] = [0x56, 0x53, 0x01, 0x02, 0x05, 0x00, 0x00, 0x00, 0x05, 0x01, 0x02, 0x01, 0x00]
        #expect(throws: WireError.malformedPayload(DecodeError(
            context: "ServerMessage.responseAudio.chunk.samples", offset: 11,
            reason: .truncated(needed: 4, available: 2)))) {
            try WireFrame.decodeServerMessage(shortAudio)
        }
        let empty: [UInt8] = [0x56, 0x53, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00]
        #expect(throws: WireError.malformedPayload(
            DecodeError(context: "ServerMessage.tag", offset: 8, reason: .truncated(needed: 1, available: 0)))) {
            try WireFrame.decodeServerMessage(empty)
        }
    }

    @Test("Every wire error describes itself in one line naming the bad value")
    func descriptions() {
        let cases: [(WireError, String)] = [
            (.truncatedHeader(length: 5), "5 bytes"),
            (.badMagic(0x57, 0x0A), "0x57 0x0a"),
            (.unsupportedVersion(2), "version 2"),
            (.wrongDirection(expected: 2, actual: 1), "is 1 (client→server), expected 2 (server→client)"),
            (.oversized(length: 2_000_000, limit: 1 << 20), "2000000-byte payload, over the 1048576-byte limit"),
            (.lengthMismatch(declared: 9, actual: 10), "9-byte payload but 10 bytes"),
            (.malformedPayload(DecodeError(context: "ClientMessage.tag", offset: 8, reason: .unknownTag(255))),
             "ClientMessage.tag at byte 8: unknown tag 255"),
        ]
        for (error, fragment) in cases {
            #expect(error.description.contains(fragment), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }
}

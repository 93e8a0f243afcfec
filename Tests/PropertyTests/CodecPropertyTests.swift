import TestSupport
import Testing
import VoiceCore

/// One type the canonical codec covers, with its generator, erased so a single
/// parameterized test runs every property over every type.
struct CodecSubject: Sendable, CustomTestStringConvertible {
    let name: String
    let checkRoundTrip: @Sendable (_ seed: UInt64, _ count: Int) -> Void
    let checkDeterminism: @Sendable (_ seed: UInt64, _ count: Int) -> Void
    let checkMutations: @Sendable (_ seed: UInt64, _ count: Int) -> Void

    var testDescription: String { name }

    static func of<Value: CanonicalCodable & Equatable>(
        _ name: String, _ make: @escaping @Sendable (inout RandomValues) -> Value
    ) -> CodecSubject {
        CodecSubject(
            name: name,
            checkRoundTrip: { seed, count in roundTrip(make, seed: seed, count: count) },
            checkDeterminism: { seed, count in determinism(make, seed: seed, count: count) },
            checkMutations: { seed, count in mutations(make, seed: seed, count: count) })
    }

    static let all: [CodecSubject] = [
        .of("AudioChunk") { $0.chunk() },
        .of("Instant") { $0.instant() },
        .of("Pipeline") { $0.pipeline() },
        .of("ConversationState") { $0.conversationState() },
        .of("ServerErrorCode") { $0.serverErrorCode() },
        .of("DisconnectReason") { $0.disconnectReason() },
        .of("ClientTimer") { $0.clientTimer() },
        .of("ClientState") { $0.clientState() },
        .of("ServerTimer") { $0.serverTimer() },
        .of("ClientMessage") { $0.clientMessage() },
        .of("ServerMessage") { $0.serverMessage() },
        .of("ConversationTurn") { $0.conversationTurn() },
        .of("STTCommand") { $0.sttCommand() },
        .of("STTEvent") { $0.sttEvent() },
        .of("LLMCommand") { $0.llmCommand() },
        .of("LLMEvent") { $0.llmEvent() },
        .of("TTSCommand") { $0.ttsCommand() },
        .of("TTSEvent") { $0.ttsEvent() },
        .of("ClientEvent") { $0.clientEvent() },
        .of("ClientAction") { $0.clientAction() },
        .of("Admission") { $0.admission() },
        .of("ServerEvent") { $0.serverEvent() },
        .of("ServerAction") { $0.serverAction() },
        .of("SessionUsage") { $0.sessionUsage() },
        .of("ProviderModels") { $0.providerModels() },
    ]
}

/// Encodes and decodes `count` random values in both audio modes.
private func roundTrip<Value: CanonicalCodable & Equatable>(
    _ make: (inout RandomValues) -> Value, seed: UInt64, count: Int
) {
    var random = RandomValues(seed: seed)
    for iteration in 0..<count {
        let value = make(&random)
        for audio in AudioEncoding.allCases {
            let bytes = value.canonicalBytes(audio: audio)
            do {
                let decoded = try Value.decode(bytes, audio: audio)
                #expect(decoded == value, "seed \(seed) iteration \(iteration) audio \(audio)")
            } catch {
                Issue.record("seed \(seed) iteration \(iteration) audio \(audio): \(value) failed: \(error)")
            }
        }
    }
}

/// Encoding twice, through a copy, and into a digest all agree; decoding then
/// re-encoding gives the same bytes.
private func determinism<Value: CanonicalCodable & Equatable>(
    _ make: (inout RandomValues) -> Value, seed: UInt64, count: Int
) {
    var random = RandomValues(seed: seed)
    for iteration in 0..<count {
        let value = make(&random)
        let copy = value
        for audio in AudioEncoding.allCases {
            let bytes = value.canonicalBytes(audio: audio)
            #expect(copy.canonicalBytes(audio: audio) == bytes, "seed \(seed) iteration \(iteration)")
            if let decoded = try? Value.decode(bytes, audio: audio) {
                #expect(decoded.canonicalBytes(audio: audio) == bytes, "seed \(seed) iteration \(iteration)")
                #expect(decoded.canonicalBytes(audio: .summary) == value.canonicalBytes(audio: .summary))
            } else {
                Issue.record("seed \(seed) iteration \(iteration): \(value) does not decode")
            }
        }
        var absorbed = Digest64()
        absorbed.absorb(value)
        var overBytes = Digest64()
        value.canonicalBytes(audio: .summary).withUnsafeBytes { overBytes.write(bytes: $0) }
        #expect(absorbed == overBytes, "seed \(seed) iteration \(iteration)")
    }
}

/// Truncated, bit-flipped, spliced and random inputs either throw `DecodeError`
/// or decode to a value that itself round-trips; nothing traps.
private func mutations<Value: CanonicalCodable & Equatable>(
    _ make: (inout RandomValues) -> Value, seed: UInt64, count: Int
) {
    var random = RandomValues(seed: seed)
    for iteration in 0..<count {
        let audio: AudioEncoding = random.bool() ? .samples : .summary
        let bytes = mutate(make(&random).canonicalBytes(audio: audio), &random)
        guard let decoded = try? Value.decode(bytes, audio: audio) else { continue }
        let again = try? Value.decode(decoded.canonicalBytes(audio: audio), audio: audio)
        #expect(again == decoded, "seed \(seed) iteration \(iteration): \(bytes)")
    }
}

/// One random corruption of `bytes`.
func mutate(_ bytes: [UInt8], _ random: inout RandomValues) -> [UInt8] {
    var bytes = bytes
    switch random.below(7) {
    case 0:
        bytes.removeLast(random.below(bytes.count + 1))
    case 1:
        for _ in 0...random.below(3) where !bytes.isEmpty {
            bytes[random.below(bytes.count)] ^= 1 << UInt8(random.below(8))
        }
    case 2:
        if !bytes.isEmpty { bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.prng.next()) }
    case 3:
        bytes.insert(UInt8(truncatingIfNeeded: random.prng.next()), at: random.below(bytes.count + 1))
    case 4:
        if !bytes.isEmpty { bytes.remove(at: random.below(bytes.count)) }
    case 5:
        for _ in 0..<(1 + random.below(8)) { bytes.append(UInt8(truncatingIfNeeded: random.prng.next())) }
    default:
        bytes = (0..<random.below(64)).map { _ in UInt8(truncatingIfNeeded: random.prng.next()) }
    }
    return bytes
}

@Suite("Canonical codec properties")
struct CodecPropertyTests {
    @Test("Random values of every type round-trip through both audio encodings", arguments: CodecSubject.all)
    func roundTrips(_ subject: CodecSubject) {
        subject.checkRoundTrip(0xC0DE_0001, 2_000)
    }

    @Test("Canonical encoding is deterministic and digests see exactly its bytes", arguments: CodecSubject.all)
    func deterministic(_ subject: CodecSubject) {
        subject.checkDeterminism(0xC0DE_0002, 2_000)
    }

    @Test("Corrupted encodings throw or decode to a value that round-trips, never trap",
          arguments: CodecSubject.all)
    func corruptedInputNeverTraps(_ subject: CodecSubject) {
        subject.checkMutations(0xC0DE_0003, 3_000)
    }

    @Test("Random frames, corrupted frames and random payloads behind valid headers never trap the wire decoder")
    func wireFuzz() {
        var random = RandomValues(seed: 0xC0DE_0004)
        for iteration in 0..<4_000 {
            let frame: [UInt8]
            switch random.below(3) {
            case 0: frame = mutate(WireFrame.encode(random.clientMessage()), &random)
            case 1: frame = mutate(WireFrame.encode(random.serverMessage()), &random)
            default:
                let payload = (0..<random.below(40)).map { _ in UInt8(truncatingIfNeeded: random.prng.next()) }
                let direction = UInt8(1 + random.below(2))
                let count = UInt32(payload.count)
                frame = [0x56, 0x53, WireFrame.version, direction,
                         UInt8(count & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count >> 16 & 0xFF),
                         UInt8(count >> 24)] + payload
            }
            if let message = try? WireFrame.decodeClientMessage(frame) {
                #expect((try? WireFrame.decodeClientMessage(WireFrame.encode(message))) == message,
                        "iteration \(iteration): \(frame)")
            }
            if let message = try? WireFrame.decodeServerMessage(frame) {
                #expect((try? WireFrame.decodeServerMessage(WireFrame.encode(message))) == message,
                        "iteration \(iteration): \(frame)")
            }
        }
    }

    @Test("Random frames of both directions round-trip with their samples intact")
    func wireRoundTrip() throws {
        var random = RandomValues(seed: 0xC0DE_0005)
        for _ in 0..<1_500 {
            let client = random.clientMessage()
            let decodedClient = try WireFrame.decodeClientMessage(WireFrame.encode(client))
            #expect(decodedClient == client)
            if case .audio(_, let sent) = client, case .audio(_, let received) = decodedClient {
                #expect(received.samples == sent.samples)
            }
            let server = random.serverMessage()
            let decodedServer = try WireFrame.decodeServerMessage(WireFrame.encode(server))
            #expect(decodedServer == server)
            if case .responseAudio(_, let sent) = server, case .responseAudio(_, let received) = decodedServer {
                #expect(received.samples == sent.samples)
            }
        }
    }
}

@Suite("Canonical codec edge cases")
struct CodecEdgeCaseTests {
    @Test("Audio chunks keep every sample with .samples and only the summary with .summary")
    func chunkModes() throws {
        var random = RandomValues(seed: 0xC0DE_0006)
        let chunk = AudioChunk(samples: random.samples(count: 1_601))
        let full = try AudioChunk.decode(chunk.canonicalBytes(audio: .samples), audio: .samples)
        #expect(full.samples == chunk.samples)
        #expect(full.hasSamples)
        let summary = try AudioChunk.decode(chunk.canonicalBytes(audio: .summary), audio: .summary)
        #expect(summary == chunk)
        #expect(!summary.hasSamples)
        #expect(chunk.canonicalBytes(audio: .samples).count == 2 + 1_601 * 2)
    }

    @Test("A chunk over chunkSamplesMax is refused before its samples are read")
    func chunkTooLong() {
        var writer = ByteWriter()
        writer.writeVarint(UInt64(AudioFormat.chunkSamplesMax + 1))
        let expected = DecodeError(context: "AudioChunk.sampleCount", offset: 3, reason: .lengthLimit(
            length: UInt64(AudioFormat.chunkSamplesMax + 1), limit: UInt64(AudioFormat.chunkSamplesMax)))
        #expect(throws: expected) { try AudioChunk.decode(writer.bytes, audio: .samples) }
        #expect(throws: expected) { try AudioChunk.decode(writer.bytes, audio: .summary) }
    }

    @Test("A summary is the sample count and a 32-bit fingerprint: energies stay out of digests and records")
    func summaryLeavesEnergiesOut() throws {
        let samples = (0..<1_000).map { Int16(truncatingIfNeeded: $0 &* 7_919) }
        let chunk = AudioChunk(samples: samples)
        #expect(chunk.fingerprint >> 32 == 0 && chunk.hasEnergies)
        var expected = ByteWriter()
        expected.writeVarint(1_000)
        expected.writeUInt32(UInt32(chunk.fingerprint))
        #expect(chunk.canonicalBytes(audio: .summary) == expected.bytes)
        let decoded = try AudioChunk.decode(expected.bytes, audio: .summary)
        #expect(decoded == chunk && !decoded.hasEnergies && !decoded.hasSamples)
        // Chunks of equal samples but different energies cannot exist; of different samples,
        // digests differ through the fingerprint.
        let other = AudioChunk(samples: samples.map { $0 &+ 1 })
        #expect(other.canonicalBytes(audio: .summary) != chunk.canonicalBytes(audio: .summary))
    }

    @Test("Errors name the path to the bad field")
    func errorContextPath() {
        let message = ServerMessage.responseAudio(responseID: 7, chunk: AudioChunk(samples: [1, 2, 3]))
        let bytes = Array(message.canonicalBytes(audio: .samples).dropLast())
        #expect(throws: DecodeError(context: "ServerMessage.responseAudio.chunk.samples", offset: 3,
                                    reason: .truncated(needed: 6, available: 5))) {
            try ServerMessage.decode(bytes, audio: .samples)
        }
        let action = ServerAction.sessionEnded(usage: SessionUsage(userID: "u", sessionID: 1, pipeline: .v2))
        var usageBytes = action.canonicalBytes()
        usageBytes[4] = 9
        #expect(throws: DecodeError(context: "ServerAction.sessionEnded.usage.pipeline", offset: 4,
                                    reason: .unknownTag(9))) {
            try ServerAction.decode(usageBytes)
        }
    }

    @Test("Unknown tags and raw values are refused with unknownTag")
    func unknownTags() {
        #expect(throws: DecodeError(context: "ClientState", offset: 0, reason: .unknownTag(8))) {
            try ClientState.decode([8])
        }
        #expect(throws: DecodeError(context: "Pipeline", offset: 0, reason: .unknownTag(0))) {
            try Pipeline.decode([0])
        }
        #expect(throws: DecodeError(context: "ServerMessage.tag", offset: 0, reason: .unknownTag(11))) {
            try ServerMessage.decode([11])
        }
        #expect(throws: DecodeError(context: "ClientEvent.received.state", offset: 2, reason: .unknownTag(5))) {
            try ClientEvent.decode([5, 7, 5])
        }
    }

    @Test("A huge declared array count is refused before anything is reserved")
    func hugeCounts() {
        var writer = ByteWriter()
        writer.write(1)
        writer.writeVarint(9)
        writer.writeVarint(1 << 40)
        #expect(throws: DecodeError.self) { try LLMCommand.decode(writer.bytes) }
        var short = ByteWriter()
        short.write(1)
        short.writeVarint(9)
        short.writeVarint(1_000)
        short.write(1)
        #expect(throws: DecodeError(context: "LLMCommand.start.history.count", offset: 4,
                                    reason: .truncated(needed: 1_000, available: 1))) {
            try LLMCommand.decode(short.bytes)
        }
    }

    @Test("Narrow fields refuse varints that do not fit them")
    func narrowing() {
        var writer = ByteWriter()
        writer.write(4)
        writer.writeVarint(UInt64(UInt32.max) + 1)
        #expect(throws: DecodeError(context: "ServerMessage.responseStart.responseID", offset: 6,
                                    reason: .valueOutOfRange("4294967296 does not fit UInt32"))) {
            try ServerMessage.decode(writer.bytes)
        }
    }

    @Test("Summary encodings of actions are pinned byte for byte (the digest contract)")
    func goldenActions() {
        #expect(ClientAction.setTimer(.keepalive, at: Instant(micros: -3)).canonicalBytes() == [6, 3, 5])
        #expect(ClientAction.showState(.idle).canonicalBytes() == [8, 0])
        #expect(ServerAction.tts(.text(responseID: 2, text: "hé")).canonicalBytes()
            == [6, 2, 2, 3, 0x68, 0xC3, 0xA9])
        #expect(STTEvent.closed(error: nil).canonicalBytes() == [5, 0])
        #expect(STTEvent.closed(error: "x").canonicalBytes() == [5, 1, 1, 0x78])
    }
}

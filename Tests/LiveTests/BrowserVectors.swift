import Foundation
import VoiceCore

/// Test vectors for the browser page's JavaScript port of the client core, computed by the
/// Swift core (the specification): wire frames of every message kind, malformed frames,
/// frame energies and VAD decisions over an audio sequence, backoff delays, and whole
/// `ClientAgent` runs (events in, actions out). Written as JSON for the page's self-test.
enum BrowserVectors {
    /// Every vector, as a JSON object.
    static func make() -> [String: Any] {
        [
            "clientFrames": clientMessages().map { message in
                ["message": json(message), "hex": hex(WireFrame.encode(message)), "description": describe(message)]
            },
            "serverFrames": serverMessages().map { message in
                ["hex": hex(WireFrame.encode(message)), "description": describe(message)]
            },
            "badFrames": badFrames().map { ["hex": hex($0.bytes), "error": $0.error] },
            "vad": vadVector(),
            "backoff": backoffVectors(),
            "agents": AgentScript.all.map { $0.run() },
        ]
    }

    static func clientMessages() -> [ClientMessage] {
        [
            .hello(userID: "user-1", pipeline: .v2),
            .hello(userID: "ünïcødé 🎙", pipeline: .v1),
            .resume(sessionID: 0xDEAD_BEEF_CAFE_F00D, resumeToken: UInt64.max, lastAckedSeq: 300),
            .audio(seq: 1, chunk: AudioChunk(samples: [0, 1, -1, 32_767, -32_768, 256, -256])),
            .audio(seq: 129, chunk: AudioChunk(samples: speech(AudioFormat.micChunkSamples, amplitude: 1_200, seed: 3))),
            .audio(seq: 2, chunk: AudioChunk(samples: [])),
            .commit(lastSeq: 16_384),
            .interrupt(responseID: 3, playedMillis: 1_250),
            .interrupt(responseID: UInt32.max, playedMillis: 0),
            .played(responseID: 7, playedMillis: 127),
            .ping(nonce: 1 << 40),
            .bye,
        ]
    }

    static func serverMessages() -> [ServerMessage] {
        [
            .welcome(sessionID: 0x0123_4567_89AB_CDEF, resumeToken: 0xFFFF_FFFF_FFFF_FFF0, lastReceivedSeq: 0, resumed: false),
            .welcome(sessionID: 1, resumeToken: 2, lastReceivedSeq: 12_345, resumed: true),
            .partialTranscript("what is the"),
            .finalTranscript("what is the weather like — ça va?"),
            .finalTranscript(""),
            .responseStart(responseID: 200),
            .responseAudio(responseID: 1, chunk: AudioChunk(samples: [5, -5, 32_767, -32_768, 0, 1_000])),
            .responseEnd(responseID: 4, cancelled: true),
            .responseEnd(responseID: 5, cancelled: false),
        ] + ConversationState.allCases.map { .state($0) } + [
            .ack(seq: 77),
            .pong(nonce: 99),
        ] + ServerErrorCode.allCases.map { .error(code: $0, message: "code \($0.rawValue)") }
    }

    /// Frames both codecs must refuse, with the kind of `WireError` the Swift decoder gives.
    static func badFrames() -> [(bytes: [UInt8], error: String)] {
        let good = WireFrame.encode(ServerMessage.ack(seq: 5))
        var frames: [[UInt8]] = [
            Array(good.prefix(5)),
            [0x56, 0x54] + good.dropFirst(2),
            [good[0], good[1], 9] + good.dropFirst(3),
            WireFrame.encode(ClientMessage.bye),
            good + [0],
            Array(good.dropLast()),
            [0x56, 0x53, 1, 2, 0, 0, 0x20, 0],
        ]
        var unknownTag = good
        unknownTag[8] = 42
        var badBool = WireFrame.encode(ServerMessage.responseEnd(responseID: 1, cancelled: false))
        badBool[badBool.count - 1] = 2
        var badState = WireFrame.encode(ServerMessage.state(.thinking))
        badState[badState.count - 1] = 9
        var badUTF8 = WireFrame.encode(ServerMessage.finalTranscript("ab"))
        badUTF8[badUTF8.count - 1] = 0xFF
        var overflow: [UInt8] = [0x56, 0x53, 1, 2, 0, 0, 0, 0, 5]
        overflow += [UInt8](repeating: 0xFF, count: 4) + [0x7F]
        overflow[4] = UInt8(overflow.count - 8)
        var trailingAudio = WireFrame.encode(ServerMessage.responseAudio(responseID: 1, chunk: AudioChunk(samples: [1, 2])))
        trailingAudio.removeLast()
        trailingAudio[4] -= 1
        frames += [unknownTag, badBool, badState, badUTF8, overflow, trailingAudio]
        return frames.map { bytes in
            do throws(WireError) {
                _ = try WireFrame.decodeServerMessage(bytes)
                preconditionFailure("vector \(hex(bytes)) decodes")
            } catch {
                return (bytes, kind(of: error))
            }
        }
    }

    static func kind(of error: WireError) -> String {
        switch error {
        case .truncatedHeader: "truncatedHeader"
        case .badMagic: "badMagic"
        case .unsupportedVersion: "unsupportedVersion"
        case .wrongDirection: "wrongDirection"
        case .oversized: "oversized"
        case .lengthMismatch: "lengthMismatch"
        case .malformedPayload: "malformedPayload"
        }
    }

    /// Mic chunks holding each of the VAD's boundaries (one frame either side of the threshold
    /// energy, the minimum speech, the longest gap and the hangover), then speech, a cough,
    /// syllable gaps, quiet noise and a partial chunk; the energies and transitions as
    /// `AudioChunk` and `EnergyVAD` compute them.
    static func vadVector() -> [String: Any] {
        let frame = AudioFormat.frameSamples
        let config = VADConfig()
        var pattern: [Int16] = []
        func frames(_ count: Int, _ amplitude: Int16) { pattern += tone(count * frame, amplitude: amplitude) }
        frames(config.speechFramesMin - 1, 1_000)                  // one frame short of speech
        frames(config.gapFramesMax + 1, 0)                         // a gap one frame too long
        frames(config.speechFramesMin / 2, 1_000)
        frames(config.gapFramesMax + 1, 0)
        frames(config.speechFramesMin - config.speechFramesMin / 2, 1_000)
        frames(config.hangoverFrames, 0)
        frames(config.speechFramesMin / 2, 1_000)                  // the longest gap allowed: speech
        frames(config.gapFramesMax, 0)
        frames(config.speechFramesMin - config.speechFramesMin / 2, 1_000)
        frames(config.hangoverFrames - 1, 0)                       // one frame short of the hangover
        frames(1, 1_000)
        frames(config.hangoverFrames, 0)                           // the hangover exactly: ended
        frames(config.speechFramesMin + 2, 700)                    // energy 490 000: at the threshold
        frames(config.hangoverFrames, 0)
        frames(config.speechFramesMin + 2, 699)                    // energy 488 601: just under
        frames(config.hangoverFrames, 0)
        pattern += speech(4_000, amplitude: 30, seed: 1)           // noise floor
        pattern += speech(1_920, amplitude: 2_000, seed: 2)        // a 120 ms cough
        pattern += speech(6_000, amplitude: 40, seed: 3)
        for syllable in 0..<6 {                                    // speech with 60 ms gaps
            pattern += speech(2_400, amplitude: 900 + Int32(syllable) * 300, seed: 10 + UInt64(syllable))
            pattern += speech(960, amplitude: 20, seed: 20 + UInt64(syllable))
        }
        pattern += speech(12_000, amplitude: 15, seed: 4)         // hangover ends it
        pattern += speech(700, amplitude: 699, seed: 5)            // around the threshold
        pattern += speech(3_300, amplitude: 701, seed: 6)
        pattern += speech(8_000, amplitude: 0, seed: 7)            // hangover ends it
        pattern += speech(1_234, amplitude: 3_000, seed: 8)        // a partial last chunk
        var vad = EnergyVAD()
        var chunks: [String] = []
        var ends: [Int64] = []
        var energies: [[UInt32]] = []
        var transitions: [String] = []
        var start = 0
        var end = Instant.zero
        while start < pattern.count {
            let samples = Array(pattern[start..<min(start + AudioFormat.micChunkSamples, pattern.count)])
            start += samples.count
            let chunk = AudioChunk(samples: samples)
            end = end + chunk.durationMicros
            chunks.append(base64(samples))
            ends.append(end.micros)
            energies.append(chunk.frameEnergies)
            for transition in vad.process(frameEnergies: chunk.frameEnergies, chunkEnd: end) {
                switch transition {
                case .speechStarted(let onset): transitions.append("speechStarted(\(onset.micros))")
                case .speechEnded(let last): transitions.append("speechEnded(\(last.micros))")
                }
            }
        }
        precondition(transitions.count == 8, "the VAD vector should hold four utterances, has \(transitions)")
        return ["chunks": chunks, "chunkEnds": ends, "energies": energies, "transitions": transitions]
    }

    static func backoffVectors() -> [[String: Any]] {
        [0, 1, 0xDEAD_BEEF, UInt64.max].map { seed in
            var random = PRNG(seed: seed)
            let policy = BackoffPolicy()
            let delays = (1...12).map { policy.delayMicros(attempt: $0, random: &random) }
            var raw = PRNG(seed: seed)
            return ["seed": String(seed), "delays": delays, "next": (0..<3).map { _ in String(raw.next()) }]
        }
    }

    /// A square wave of exactly `amplitude` (mean square `amplitude²`), period 40 samples.
    static func tone(_ count: Int, amplitude: Int16) -> [Int16] {
        (0..<count).map { ($0 / 20) % 2 == 0 ? amplitude : -amplitude }
    }

    /// Deterministic speech-like audio: a square wave of `amplitude` with integer noise.
    static func speech(_ count: Int, amplitude: Int32, seed: UInt64) -> [Int16] {
        var random = PRNG(seed: seed)
        return (0..<count).map { index in
            let sign: Int32 = (index / 20) % 2 == 0 ? 1 : -1
            let noise = Int32(random.inRange(-Int64(amplitude / 8), Int64(amplitude / 8)))
            return Int16(clamping: sign * amplitude + noise)
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    static func base64(_ samples: [Int16]) -> String {
        samples.withUnsafeBytes { Data($0).base64EncodedString() }
    }
}

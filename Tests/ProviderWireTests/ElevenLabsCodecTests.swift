import Foundation
import ProviderWire
import Testing
import VoiceCore

@Suite("ElevenLabs stream-input codec")
struct ElevenLabsCodecTests {
    @Test("The URL names voice, model and pcm_16000; the stand-in reads it back")
    func url() throws {
        let options = ElevenLabsStreamOptions(voiceID: "voice 1", modelID: "eleven_flash_v2_5")
        #expect(
            options.url(base: "wss://api.elevenlabs.io")
                == "wss://api.elevenlabs.io/v1/text-to-speech/voice%201/stream-input"
                + "?model_id=eleven_flash_v2_5&output_format=pcm_16000&inactivity_timeout=20")
        #expect(try ElevenLabsStreamOptions(path: options.path, query: options.query) == options)
        let mp3 = try ElevenLabsStreamOptions(path: "/v1/text-to-speech/v/stream-input", query: URLQuery())
        #expect(mp3.outputFormat == "mp3_44100_128")
        #expect(throws: ProviderWireError(.elevenlabs, "path `/v1/text-to-speech//stream-input` is not /v1/text-to-speech/{voice_id}/stream-input")) {
            try ElevenLabsStreamOptions(path: "/v1/text-to-speech//stream-input", query: URLQuery())
        }
    }

    @Test("BOS, text, flush and EOS are the documented messages, and decode back")
    func clientMessages() throws {
        let bos = ElevenLabsClientMessage.beginOfStream(ElevenLabsVoiceSettings())
        #expect(
            bos.encoded
                == #"{"generation_config":{"chunk_length_schedule":[120,160,250,290]},"text":" ","#
                + #""voice_settings":{"similarity_boost":0.8,"stability":0.5}}"#)
        #expect(ElevenLabsClientMessage.text("Hello there ", flush: false).encoded == #"{"text":"Hello there "}"#)
        #expect(ElevenLabsClientMessage.flush.encoded == #"{"flush":true,"text":" "}"#)
        #expect(ElevenLabsClientMessage.endOfStream.encoded == #"{"text":""}"#)
        #expect(try ElevenLabsClientMessage(decoding: bos.encoded, isFirst: true) == bos)
        for message in [ElevenLabsClientMessage.text("Hi ", flush: false), .flush, .endOfStream] {
            #expect(try ElevenLabsClientMessage(decoding: message.encoded, isFirst: false) == message)
        }
        // The Python SDK's chunks carry try_trigger_generation; it is accepted and ignored.
        #expect(
            try ElevenLabsClientMessage(decoding: #"{"text":"Hello ","try_trigger_generation":true}"#, isFirst: false)
                == .text("Hello ", flush: false))
        #expect(throws: ProviderWireError(.elevenlabs, "BOS message: field `text` must be a single space, got `Hi`")) {
            try ElevenLabsClientMessage(decoding: #"{"text":"Hi"}"#, isFirst: true)
        }
        #expect(throws: ProviderWireError(.elevenlabs, "text message: field `text` is missing")) {
            try ElevenLabsClientMessage(decoding: #"{"flush":true}"#, isFirst: false)
        }
    }

    @Test("Streamed tokens are cut into chunks ending with a space; their concatenation is the text plus one space")
    func chunker() {
        var chunker = ElevenLabsTextChunker()
        let tokens = ["Sure", ",", " a", " table", " for", "  two", " — à", " sept", "."]
        var chunks: [String] = []
        for token in tokens { if let chunk = chunker.add(token) { chunks.append(chunk) } }
        if let rest = chunker.flush() { chunks.append(rest) }
        #expect(chunks == ["Sure, ", "a ", "table ", "for ", " two — ", "à ", "sept. "])
        #expect(chunks.allSatisfy { $0.hasSuffix(" ") })
        #expect(chunks.joined() == tokens.joined() + " ")
        var spaces = ElevenLabsTextChunker()
        #expect(spaces.add("  ") == nil)
        #expect(spaces.flush() == nil)
    }

    @Test("Audio messages decode base64 PCM and both spellings of the alignment keys")
    func serverMessages() throws {
        let samples: [Int16] = [0, 1, -1, 32767, -32768]
        let audio = Data(PCM16LE.bytes(samples)).base64EncodedString()
        let official = """
            {"audio":"\(audio)","isFinal":null,"normalizedAlignment":{"chars":["H","i"," "],\
            "charStartTimesMs":[0,3,6],"charDurationsMs":[3,3,2]},\
            "alignment":{"chars":["H","i"],"charStartTimesMs":[0,3],"charDurationsMs":[3,3]}}
            """
        let expected = ElevenLabsAlignment(chars: ["H", "i", " "], charStartTimesMs: [0, 3, 6], charDurationsMs: [3, 3, 2])
        #expect(try ElevenLabsServerMessage(decoding: official) == .audio(samples: samples, alignment: expected))
        let variant = """
            {"audio":"\(audio)","alignment":{"chars":["H","i"," "],"charsStartTimesMs":[0,3,6],"charsDurationsMs":[3,3,2]}}
            """
        #expect(try ElevenLabsServerMessage(decoding: variant) == .audio(samples: samples, alignment: expected))
        #expect(try ElevenLabsServerMessage(decoding: #"{"audio":null,"isFinal":true}"#) == .final)
        #expect(
            try ElevenLabsServerMessage(decoding: #"{"message":"Unusual activity","error":"quota_exceeded","code":1008}"#)
                == .error("quota_exceeded"))
        let messages: [ElevenLabsServerMessage] = [.audio(samples: samples, alignment: expected), .audio(samples: [5], alignment: nil), .final, .error("x")]
        for message in messages { #expect(try ElevenLabsServerMessage(decoding: message.encoded) == message) }
    }

    @Test("Broken server messages say what is wrong")
    func badServerMessages() {
        #expect(throws: ProviderWireError(.elevenlabs, "server message: field `audio` is not base64")) {
            try ElevenLabsServerMessage(decoding: #"{"audio":"%%%"}"#)
        }
        #expect(throws: ProviderWireError(.elevenlabs, "PCM16 audio of 3 bytes: not a whole number of samples")) {
            try ElevenLabsServerMessage(decoding: #"{"audio":"AAEC"}"#)
        }
        #expect(throws: ProviderWireError(.elevenlabs, "server message: field `normalizedAlignment`: 1 start times for 2 chars")) {
            try ElevenLabsServerMessage(
                decoding: #"{"audio":"","normalizedAlignment":{"chars":["a","b"],"charStartTimesMs":[0],"charDurationsMs":[1,1]}}"#)
        }
        #expect(throws: ProviderWireError(.elevenlabs, "server message: field `alignment.charDurationsMs` is missing")) {
            try ElevenLabsServerMessage(decoding: #"{"audio":"","alignment":{"chars":[],"charStartTimesMs":[]}}"#)
        }
        #expect(throws: ProviderWireError(.elevenlabs, "server message has no `audio`, `isFinal` or `error`")) {
            try ElevenLabsServerMessage(decoding: #"{"isFinal":false}"#)
        }
    }

    @Test("textEnd grows with the aligned characters, is capped at the text sent, and isFinal ends the response")
    func assembler() {
        var assembler = ElevenLabsAudioAssembler(responseID: 9)
        let text = ["Héllo", " world"]
        for piece in text { assembler.noteSent(piece) }
        func alignment(_ chars: String) -> ElevenLabsAlignment {
            let characters = chars.map(String.init)
            return ElevenLabsAlignment(
                chars: characters, charStartTimesMs: characters.indices.map { $0 * 10 },
                charDurationsMs: characters.map { _ in 10 })
        }
        let messages: [ElevenLabsServerMessage] = [
            .audio(samples: [1, 2], alignment: alignment("Héllo ")), .audio(samples: [3], alignment: nil),
            .audio(samples: [4], alignment: alignment("world ")), .final, .audio(samples: [5], alignment: nil),
        ]
        let events = messages.flatMap { assembler.consume($0) }
        let total = UInt32(text.joined().utf8.count)
        #expect(
            events == [
                .audio(responseID: 9, chunk: AudioChunk(samples: [1, 2]), textEnd: 7),
                .audio(responseID: 9, chunk: AudioChunk(samples: [3]), textEnd: 7),
                .audio(responseID: 9, chunk: AudioChunk(samples: [4]), textEnd: total), .done(responseID: 9),
            ])
        var cut = ElevenLabsAudioAssembler(responseID: 2)
        #expect(cut.closed(code: 1011, reason: "boom") == [.failed(responseID: 2, reason: "elevenlabs: close 1011 before isFinal: boom")])
        var refused = ElevenLabsAudioAssembler(responseID: 3)
        #expect(refused.consume(.error("quota")) == [.failed(responseID: 3, reason: "elevenlabs: quota")])
    }
}

import ProviderWire
import Testing
import VoiceCore

/// A Results message in the shape Deepgram's live API sends (docs' example, trimmed).
private let interimFixture = """
    {"type":"Results","channel_index":[0,1],"duration":1.02,"start":0.0,"is_final":false,"speech_final":false,\
    "channel":{"alternatives":[{"transcript":"book a","confidence":0.91,"words":[\
    {"word":"book","start":0.08,"end":0.4,"confidence":0.93,"punctuated_word":"Book"},\
    {"word":"a","start":0.4,"end":0.52,"confidence":0.88,"punctuated_word":"a"}]}]},\
    "metadata":{"request_id":"5b9c1a2e-0000-4f6b-9a1e-7c2d1e0f9a11","model_info":{"name":"general-nova-3",\
    "version":"2024-12-20.0","arch":"nova-3"},"model_uuid":"1dbdfb4d-85b2-4659-9f8a-6d1b8d9c7b3a"},\
    "from_finalize":false}
    """

@Suite("Deepgram live streaming codec")
struct DeepgramCodecTests {
    @Test("The URL carries the audio format, endpointing and one keyterm per phrase, escaped")
    func urlBuilder() throws {
        let options = DeepgramStreamOptions(keyterms: ["book a table", "what's up?"], tag: "session-7")
        #expect(
            options.url(base: "wss://api.deepgram.com/")
                == "wss://api.deepgram.com/v1/listen?model=nova-3&encoding=linear16&sample_rate=16000&channels=1"
                + "&interim_results=true&endpointing=300&utterance_end_ms=1000&vad_events=true"
                + "&keyterm=book%20a%20table&keyterm=what%27s%20up%3F&tag=session-7")
        let parsed = try DeepgramStreamOptions(query: URLQuery(parsing: Substring(options.query.encoded), provider: .deepgram))
        #expect(parsed == options)
    }

    @Test("The stand-in reads Nova-2 keywords without their boost, and refuses other encodings")
    func queryParsing() throws {
        let query = try URLQuery(parsing: "keywords=table:2&keywords=two+people&endpointing=false", provider: .deepgram)
        let options = try DeepgramStreamOptions(query: query)
        #expect(options.keyterms == ["table", "two people"])
        #expect(options.endpointingMillis == nil)
        #expect(options.interimResults == false)
        #expect(throws: ProviderWireError(.deepgram, "query encoding=opus: only linear16 is supported")) {
            try DeepgramStreamOptions(query: URLQuery([("encoding", "opus")]))
        }
        #expect(throws: ProviderWireError(.deepgram, "query sample_rate=fast: not a non-negative integer")) {
            try DeepgramStreamOptions(query: URLQuery([("sample_rate", "fast")]))
        }
        #expect(throws: ProviderWireError.self) { try URLQuery(parsing: "keyterm=%G1", provider: .deepgram) }
        #expect(throws: ProviderWireError.self) { try URLQuery(parsing: "keyterm=%4", provider: .deepgram) }
    }

    @Test("Control messages are the documented JSON and unknown ones are refused")
    func controlMessages() throws {
        #expect(DeepgramControl.keepAlive.encoded == #"{"type":"KeepAlive"}"#)
        #expect(DeepgramControl.finalize.encoded == #"{"type":"Finalize"}"#)
        #expect(DeepgramControl.closeStream.encoded == #"{"type":"CloseStream"}"#)
        for control in DeepgramControl.allCases {
            #expect(try DeepgramControl(decoding: control.encoded) == control)
        }
        #expect(
            throws: ProviderWireError(
                .deepgram, "control message type `Pause` is not one of KeepAlive, Finalize, CloseStream")
        ) { try DeepgramControl(decoding: #"{"type":"Pause"}"#) }
        #expect(throws: ProviderWireError(.deepgram, "control message: not valid JSON")) {
            try DeepgramControl(decoding: "KeepAlive")
        }
    }

    @Test("A real-shaped Results message decodes to its first alternative")
    func decodesResults() throws {
        let message = try DeepgramMessage(decoding: interimFixture)
        guard case .results(let results) = message else {
            Issue.record("not results: \(message)")
            return
        }
        #expect(results.transcript == "book a")
        #expect(!results.isFinal && !results.speechFinal && !results.fromFinalize)
        #expect(results.words.map(\.word) == ["book", "a"])
        #expect(results.words.last?.end == 0.52)
        #expect(results.requestID == "5b9c1a2e-0000-4f6b-9a1e-7c2d1e0f9a11")
        #expect(results.duration == 1.02)
    }

    @Test("The other server messages decode, and every message survives encoding")
    func otherMessagesRoundTrip() throws {
        #expect(
            try DeepgramMessage(decoding: #"{"type":"UtteranceEnd","channel":[0,1],"last_word_end":2.395}"#)
                == .utteranceEnd(lastWordEnd: 2.395))
        #expect(
            try DeepgramMessage(decoding: #"{"type":"SpeechStarted","channel":[0],"timestamp":9.54}"#)
                == .speechStarted(timestamp: 9.54))
        let metadata = #"""
            {"type":"Metadata","transaction_key":"deprecated","request_id":"a1","sha256":"00ff",\#
            "created":"2025-01-01T00:00:00.000Z","duration":12.5,"channels":1,"models":["m"]}
            """#
        #expect(
            try DeepgramMessage(decoding: metadata)
                == .metadata(DeepgramMetadata(requestID: "a1", created: "2025-01-01T00:00:00.000Z", duration: 12.5, channels: 1)))
        #expect(
            try DeepgramMessage(decoding: #"{"type":"Error","description":"bad audio","message":"x","variant":"DATA-0000"}"#)
                == .error(description: "bad audio", variant: "DATA-0000"))
        #expect(try DeepgramMessage(decoding: #"{"type":"Warning","description":"w"}"#) == .unknown(type: "Warning"))
        let messages: [DeepgramMessage] = [
            .results(
                DeepgramResults(
                    start: 1.5, duration: 0.75, isFinal: true, speechFinal: true, fromFinalize: true,
                    transcript: "book a table", confidence: 0.5,
                    words: [DeepgramWord(word: "book", start: 1.5, end: 1.75)], requestID: "r-1")),
            .utteranceEnd(lastWordEnd: 3.25), .speechStarted(timestamp: 0.5),
            .metadata(DeepgramMetadata(requestID: "r-1", duration: 4)), .error(description: "NET-0001", variant: nil),
        ]
        for message in messages {
            #expect(try DeepgramMessage(decoding: message.encoded) == message)
        }
    }

    @Test("Bad messages name the field that is wrong")
    func badMessages() {
        #expect(throws: ProviderWireError(.deepgram, "message: field `type` is missing")) {
            try DeepgramMessage(decoding: #"{"channel":{}}"#)
        }
        #expect(throws: ProviderWireError(.deepgram, "Results message: field `channel` is missing")) {
            try DeepgramMessage(decoding: #"{"type":"Results","start":0,"duration":1}"#)
        }
        #expect(
            throws: ProviderWireError(.deepgram, "Results message: field `channel.alternatives[0].transcript` is not a string")
        ) {
            try DeepgramMessage(
                decoding: #"{"type":"Results","start":0,"duration":1,"channel":{"alternatives":[{"transcript":7}]}}"#)
        }
        #expect(throws: ProviderWireError(.deepgram, "UtteranceEnd message: field `last_word_end` is missing")) {
            try DeepgramMessage(decoding: #"{"type":"UtteranceEnd"}"#)
        }
        #expect(throws: ProviderWireError(.deepgram, "message: not valid JSON")) { try DeepgramMessage(decoding: "{") }
    }

    @Test("PCM16 frames are little-endian and an odd byte count is refused")
    func pcm() throws {
        #expect(PCM16LE.bytes([1, -2, 0x1234]) == [0x01, 0x00, 0xFE, 0xFF, 0x34, 0x12])
        #expect(try PCM16LE.samples([0x01, 0x00, 0xFE, 0xFF, 0x34, 0x12], provider: .deepgram) == [1, -2, 0x1234])
        #expect(throws: ProviderWireError(.deepgram, "PCM16 audio of 3 bytes: not a whole number of samples")) {
            try PCM16LE.samples([1, 2, 3], provider: .deepgram)
        }
    }
}

@Suite("Deepgram results to STT events")
struct DeepgramAssemblerTests {
    private func results(_ text: String, final: Bool = false, speechFinal: Bool = false) -> DeepgramMessage {
        .results(DeepgramResults(start: 0, duration: 1, isFinal: final, speechFinal: speechFinal, transcript: text))
    }

    @Test("Final segments are concatenated until speech_final; partials show segments plus the interim guess")
    func speechFinalEndsUtterance() {
        var assembler = DeepgramTranscriptAssembler()
        let messages = [
            results("book"), results("book a"), results("book a table", final: true), results(""),
            results("for"), results("for two", final: true, speechFinal: true),
        ]
        let events = messages.flatMap { assembler.consume($0) }
        #expect(
            events == [
                .partial("book"), .partial("book a"), .partial("book a table"), .partial("book a table for"),
                .speechEnded, .final("book a table for two"),
            ])
        #expect(assembler.segments.isEmpty)
    }

    @Test("UtteranceEnd ends an utterance that endpointing left open, and is ignored when nothing is pending")
    func utteranceEnd() {
        var assembler = DeepgramTranscriptAssembler()
        var events = assembler.consume(results("hello there", final: true))
        events += assembler.consume(.speechStarted(timestamp: 0.1))
        events += assembler.consume(.utteranceEnd(lastWordEnd: 1.2))
        events += assembler.consume(.utteranceEnd(lastWordEnd: 2.2))
        #expect(events == [.partial("hello there"), .speechEnded, .final("hello there")])
    }

    @Test("A speech_final with no words reports nothing")
    func emptySpeechFinal() {
        var assembler = DeepgramTranscriptAssembler()
        #expect(assembler.consume(results("", final: true, speechFinal: true)).isEmpty)
    }

    @Test("A clean close flushes the pending utterance; an error close reports its code once")
    func closes() {
        var clean = DeepgramTranscriptAssembler()
        _ = clean.consume(results("see you", final: true))
        #expect(clean.closed(code: 1000, reason: nil) == [.speechEnded, .final("see you"), .closed(error: nil)])
        #expect(clean.closed(code: 1000, reason: nil).isEmpty)

        var broken = DeepgramTranscriptAssembler()
        _ = broken.consume(results("see", final: true))
        #expect(broken.closed(code: 1011, reason: "NET-0001") == [.closed(error: "deepgram: close 1011: NET-0001")])
        #expect(broken.consume(results("late", final: true, speechFinal: true)).isEmpty)

        var dropped = DeepgramTranscriptAssembler()
        #expect(dropped.closed(code: nil, reason: nil) == [.closed(error: "deepgram: connection lost")])
    }

    @Test("An Error message closes the stream with its description")
    func errorMessage() {
        var assembler = DeepgramTranscriptAssembler()
        #expect(
            assembler.consume(.error(description: "no audio received", variant: "NET-0001"))
                == [.closed(error: "deepgram: no audio received (NET-0001)")])
        #expect(assembler.closed(code: 1011, reason: nil).isEmpty)
    }
}

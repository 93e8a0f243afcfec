import ProviderWire
import Testing
import VoiceCore
import VoiceLive
import VoiceSim

@Suite("Real adapters against the local stand-ins, over loopback")
struct AdapterStandInTests {
    @Test("Deepgram: the stand-in hears a synthetic utterance; partials, speechEnded and the final reach the core")
    func sttHearsSpeech() async throws {
        let phrase = "book a table for two"
        try await withStandIns(phrases: [phrase]) { standIns, providers, recorder in
            providers.submit(.stt(.open))
            #expect(await recorder.wait { $0.contains(.stt(.opened)) })
            for (index, chunk) in micChunks([phrase]).enumerated() {
                providers.submit(.stt(.audio(seq: UInt64(index + 1), chunk: chunk)))
            }
            #expect(await recorder.wait { $0.contains(.stt(.final(phrase))) })
            providers.submit(.stt(.close))
            #expect(await recorder.wait { $0.contains(.stt(.closed(error: nil))) })
            let stt = recorder.all.compactMap(\.stt)
            #expect(stt.first == .opened)
            #expect(stt.contains(.partial("book a")))
            let ended = stt.firstIndex(of: .speechEnded)
            let final = stt.firstIndex(of: .final(phrase))
            #expect(ended != nil && final != nil && ended! < final!)
            #expect(stt.last == .closed(error: nil))
            #expect(await standIns.log.wait { $0 == .sttEnded(stream: 1, .completed) } != nil)
            #expect(standIns.log.events.first == .sttOpened(stream: 1, keyterms: [phrase]))
            #expect(standIns.log.events.contains(.sttHeard(stream: 1, transcript: phrase)))
        }
    }

    @Test("Deepgram: a stream without audio or KeepAlive is closed with NET-0001, reported as an error close")
    func sttIdleTimeout() async throws {
        var configuration = StandInConfiguration(profiles: fastProfiles)
        configuration.stt.idleTimeoutMillis = 150
        try await withStandIns(configuration) { standIns, providers, recorder in
            providers.submit(.stt(.open))
            #expect(await recorder.wait { $0.contains { if case .stt(.closed(let error?)) = $0 { error.contains("1011") } else { false } } })
            // The close reaches the client before the stand-in's log entry may be written: wait for it.
            #expect(await standIns.log.wait { $0 == .sttEnded(stream: 1, .idleTimeout) } != nil)
            guard case .stt(.closed(let error?))? = recorder.all.last else {
                Issue.record("last event \(String(describing: recorder.all.last))")
                return
            }
            #expect(error == "deepgram: close 1011: NET-0001: no audio or KeepAlive received")
        }
    }

    @Test("Deepgram: KeepAlive holds an idle stream open past the timeout")
    func sttKeepAlive() async throws {
        var configuration = StandInConfiguration(profiles: fastProfiles)
        configuration.stt.idleTimeoutMillis = 1_000
        try await withStandIns(configuration) { standIns, providers, recorder in
            providers.submit(.stt(.open))
            #expect(await recorder.wait { $0.contains(.stt(.opened)) })
            let opened = ContinuousClock.now
            var last = opened
            var gapMax = Duration.zero
            while ContinuousClock.now - opened < .milliseconds(2_500) {
                try await Task.sleep(for: .milliseconds(50))
                providers.submit(.stt(.keepalive))
                gapMax = max(gapMax, ContinuousClock.now - last)
                last = .now
            }
            try await Task.sleep(for: .milliseconds(50))
            // Only a machine too busy to send a KeepAlive within 700 ms may see the stream close.
            let closed = recorder.all.contains { if case .stt(.closed) = $0 { true } else { false } }
            #expect(!closed || gapMax > .milliseconds(700), "closed with KeepAlives at most \(gapMax) apart")
            #expect(!standIns.log.events.contains(.sttEnded(stream: 1, .idleTimeout)) || gapMax > .milliseconds(700))
        }
    }

    @Test("Deepgram: a 1011 close injected mid-stream reaches the core as an error close")
    func sttFaultClose() async throws {
        var configuration = StandInConfiguration(profiles: fastProfiles)
        configuration.stt.closeWith1011 = [(stream: 1, afterAudioMillis: 500)]
        try await withStandIns(configuration, phrases: ["hello"]) { standIns, providers, recorder in
            providers.submit(.stt(.open))
            for (index, chunk) in micChunks(["hello"]).enumerated() {
                providers.submit(.stt(.audio(seq: UInt64(index + 1), chunk: chunk)))
            }
            #expect(await recorder.wait { $0.contains(.stt(.closed(error: "deepgram: close 1011: stand-in fault: internal error"))) })
            #expect(await standIns.log.wait { $0 == .sttEnded(stream: 1, .fault("close 1011")) } != nil)
        }
    }

    @Test("Anthropic: tokens stream, then done with the model's usage; the same question gets the same answer")
    func llmStreams() async throws {
        let history = [ConversationTurn(role: .user, text: "Can you book a table for two?")]
        try await withStandIns { standIns, providers, recorder in
            providers.submit(.llm(.start(requestID: 1, history: history, stream: true)))
            #expect(await recorder.wait { $0.contains { if case .llm(.done(1, _, _)) = $0 { true } else { false } } })
            providers.submit(.llm(.start(requestID: 2, history: history, stream: true)))
            #expect(await recorder.wait { $0.contains { if case .llm(.done(2, _, _)) = $0 { true } else { false } } })
            func tokens(_ id: UInt32) -> [String] {
                recorder.all.compactMap { if case .llm(.token(id, let text)) = $0 { text } else { nil } }
            }
            let first = tokens(1)
            #expect(first.count >= LLMProfile().replyWordsMin && first.joined().hasSuffix("."))
            #expect(tokens(2) == first)
            let expectedInput = LLMModel.inputTokens(history, systemPromptTokens: LLMProfile().systemPromptTokens)
            #expect(recorder.all.contains(.llm(.done(requestID: 1, inputTokens: expectedInput, outputTokens: UInt32(first.count)))))
            #expect(standIns.log.events.contains(.llmRequest(request: 1, status: 200)))
            #expect(await standIns.log.wait { $0 == .llmEnded(request: 1, .completed, tokens: first.count) } != nil)
        }
    }

    @Test("Anthropic: a 529 is reported as failed with the status, and the next request succeeds")
    func llmOverloaded() async throws {
        var configuration = StandInConfiguration(profiles: fastProfiles)
        configuration.llm.overloadFirstRequests = 1
        let history = [ConversationTurn(role: .user, text: "hello")]
        try await withStandIns(configuration) { standIns, providers, recorder in
            providers.submit(.llm(.start(requestID: 1, history: history, stream: true)))
            #expect(await recorder.wait { !$0.isEmpty })
            #expect(recorder.all == [.llm(.failed(requestID: 1, reason: "anthropic: HTTP 529 overloaded_error: Overloaded"))])
            providers.submit(.llm(.start(requestID: 2, history: history, stream: true)))
            #expect(await recorder.wait { $0.contains { if case .llm(.done(2, _, _)) = $0 { true } else { false } } })
            #expect(standIns.log.events.prefix(2) == [.llmRequest(request: 1, status: 529), .llmRequest(request: 2, status: 200)])
        }
    }

    @Test("Anthropic: an error event inside the 200 stream fails the request after the tokens before it")
    func llmErrorMidStream() async throws {
        var configuration = StandInConfiguration(profiles: fastProfiles)
        configuration.llm.errorMidStream = [(request: 1, afterTokens: 3)]
        try await withStandIns(configuration) { standIns, providers, recorder in
            providers.submit(.llm(.start(requestID: 9, history: [ConversationTurn(role: .user, text: "hi")], stream: true)))
            #expect(await recorder.wait { $0.contains { if case .llm(.failed) = $0 { true } else { false } } })
            let events = recorder.all.compactMap(\.llm)
            #expect(events.count == 4)
            #expect(events.prefix(3).allSatisfy { if case .token(9, _) = $0 { true } else { false } })
            #expect(events.last == .failed(requestID: 9, reason: "anthropic: mid-stream overloaded_error: Overloaded"))
            #expect(await standIns.log.wait { $0 == .llmEnded(request: 1, .fault("error mid-stream"), tokens: 3) } != nil)
        }
    }

    @Test("Anthropic: cancelling a request closes its stream and the stand-in sees the client leave")
    func llmCancel() async throws {
        var configuration = StandInConfiguration(
            profiles: ProviderProfiles(llm: LLMProfile(timeToFirstToken: .fixed(10_000), tokensPerSecondMin: 20, tokensPerSecondMax: 20)))
        configuration.seed = 3
        try await withStandIns(configuration) { standIns, providers, recorder in
            providers.submit(.llm(.start(requestID: 4, history: [ConversationTurn(role: .user, text: "hi")], stream: true)))
            #expect(await recorder.wait { $0.contains { if case .llm(.token(4, _)) = $0 { true } else { false } } })
            providers.submit(.llm(.cancel(requestID: 4)))
            let ended = await standIns.log.wait { if case .llmEnded(1, .clientClosed, _) = $0 { true } else { false } }
            #expect(ended != nil)
            let count = recorder.all.count
            try await Task.sleep(for: .milliseconds(150))
            #expect(recorder.all.count == count)
            #expect(!recorder.all.contains { if case .llm(.done) = $0 { true } else { false } })
        }
    }

    @Test("ElevenLabs: audio with alignment; textEnd never decreases and reaches the text's length; then done")
    func ttsSpeaks() async throws {
        let pieces = ["Sure,", " a table", " for two", " at séven."]
        let total = UInt32(pieces.joined().utf8.count)
        try await withStandIns { standIns, providers, recorder in
            providers.submit(.tts(.start(responseID: 7)))
            for piece in pieces { providers.submit(.tts(.text(responseID: 7, text: piece))) }
            providers.submit(.tts(.flush(responseID: 7)))
            #expect(await recorder.wait { $0.contains(.tts(.done(responseID: 7))) })
            let audio = recorder.all.compactMap { event -> (samples: Int, textEnd: UInt32)? in
                if case .tts(.audio(7, let chunk, let textEnd)) = event { (chunk.sampleCount, textEnd) } else { nil }
            }
            #expect(audio.count >= 10)
            #expect(zip(audio, audio.dropFirst()).allSatisfy { $0.textEnd <= $1.textEnd })
            #expect(audio.last?.textEnd == total)
            #expect(audio.first.map { $0.textEnd < total } == true)
            #expect(recorder.all.last == .tts(.done(responseID: 7)))
            #expect(await standIns.log.wait { $0 == .ttsEnded(stream: 1, .completed, textBytes: Int(total) + 1) } != nil)
        }
    }

    @Test("ElevenLabs: cancel closes the socket; the stand-in sees the cancel and nothing more is reported")
    func ttsCancel() async throws {
        try await withStandIns { standIns, providers, recorder in
            providers.submit(.tts(.start(responseID: 3)))
            for word in ["One", " two", " three", " four", " five", " six", " seven", " eight"] {
                providers.submit(.tts(.text(responseID: 3, text: word)))
            }
            #expect(await recorder.wait { $0.contains { if case .tts(.audio(3, _, _)) = $0 { true } else { false } } })
            providers.submit(.tts(.cancel(responseID: 3)))
            let ended = await standIns.log.wait { if case .ttsEnded(1, .clientClosed, _) = $0 { true } else { false } }
            #expect(ended != nil)
            let count = recorder.all.count
            try await Task.sleep(for: .milliseconds(100))
            #expect(recorder.all.count == count)
            #expect(!recorder.all.contains { if case .tts(.done) = $0 { true } else { false } })
        }
    }

    @Test("ElevenLabs: a 1011 close mid-stream fails the response")
    func ttsFaultClose() async throws {
        var configuration = StandInConfiguration(profiles: fastProfiles)
        configuration.tts.closeWith1011 = [(stream: 1, afterAudioMessages: 2)]
        try await withStandIns(configuration) { _, providers, recorder in
            providers.submit(.tts(.start(responseID: 5)))
            providers.submit(.tts(.text(responseID: 5, text: "A long enough reply to need several chunks of audio.")))
            providers.submit(.tts(.flush(responseID: 5)))
            #expect(await recorder.wait { $0.contains { if case .tts(.failed) = $0 { true } else { false } } })
            let tts = recorder.all.compactMap(\.tts)
            #expect(tts.count == 3)
            #expect(tts.last == .failed(responseID: 5, reason: "elevenlabs: close 1011 before isFinal: stand-in fault: internal error"))
        }
    }

    @Test("--providers real refuses without keys, naming each missing variable")
    func missingKeys() {
        #expect(throws: MissingProviderKeys(variables: ["DEEPGRAM_API_KEY", "ANTHROPIC_API_KEY", "ELEVENLABS_API_KEY"])) {
            try ProviderEndpoints.real(environment: [:])
        }
        #expect(throws: MissingProviderKeys(variables: ["ANTHROPIC_API_KEY"])) {
            try ProviderEndpoints.real(environment: ["DEEPGRAM_API_KEY": "d", "ANTHROPIC_API_KEY": "", "ELEVENLABS_API_KEY": "e"])
        }
        let endpoints = try? ProviderEndpoints.real(
            environment: ["DEEPGRAM_API_KEY": "d", "ANTHROPIC_API_KEY": "a", "ELEVENLABS_API_KEY": "e", "ANTHROPIC_URL": "http://127.0.0.1:9"])
        #expect(endpoints?.anthropic == .init(baseURL: "http://127.0.0.1:9", apiKey: "a"))
        #expect(endpoints?.deepgram.baseURL == "wss://api.deepgram.com")
        #expect(MissingProviderKeys(variables: ["ANTHROPIC_API_KEY"]).description.contains("ANTHROPIC_API_KEY"))
    }
}

import Testing
import VoiceCore

@testable import VoiceSim

@Suite("Simulated STT, LLM and TTS")
struct ComponentTestsProviders {
    /// A caller saying one sentence at 1 s, and the STT events for streaming all of the
    /// mic audio (chunk k arrives 40 ms after it is captured).
    static func streamOneUtterance(
        _ profile: STTProfile, text: String = "please book a table for two at seven tonight"
    )
        -> (timeline: SpeechTimeline, events: [(at: Instant, event: STTEvent)])
    {
        let user = SimUser(script: UserScript(utterances: [.init(text, start: .at(.seconds(1)))]), seed: 1)
        var stt = STTModel(profile: profile, prng: PRNG(seed: 5), micStart: .zero)
        var events = stt.handle(.open, at: .zero, speech: user.timeline, faults: .none)
        let silent = AudioChunk(sampleCount: 1_600, fingerprint: 0, frameEnergies: [0, 0, 0, 0, 0])
        for seq in UInt64(1)...60 {
            let arrival = Instant.millis(Int64(seq) * 100 + 40)
            events += stt.handle(.audio(seq: seq, chunk: silent), at: arrival, speech: user.timeline, faults: .none)
        }
        return (user.timeline, events)
    }

    @Test("Streaming STT sends growing partials, then speechEnded, then the final after finalDelay")
    func sttPartialsThenFinal() {
        // Deepgram-like by default: the final comes with the end of speech.
        #expect(STTProfile().finalDelay == .fixed(0))
        var profile = STTProfile()
        profile.wordErrorRate = .zero
        profile.finalDelay = .around(700_000)
        let (timeline, events) = Self.streamOneUtterance(profile)
        let utterance = timeline.utterances[0]
        #expect(events.first?.event == .opened)
        let partials = events.compactMap { if case .partial(let text) = $0.event { ($0.at, text) } else { nil } }
        #expect(partials.count >= 5)
        for (earlier, later) in zip(partials, partials.dropFirst()) {
            #expect(later.1.hasPrefix(earlier.1))
            #expect(later.0.micros(since: earlier.0) >= profile.partialIntervalMicros)
        }
        // The first word is reported about 0.3 s after it was spoken.
        let firstLatency = partials[0].0.micros(since: utterance.words[0].end)
        #expect(firstLatency > 150_000 && firstLatency < 450_000)
        let tail = events.suffix(2).map(\.event)
        #expect(tail == [.speechEnded, .final(utterance.text)])
        let speechEnded = events[events.count - 2].at
        let final = events[events.count - 1].at
        #expect(speechEnded.micros(since: utterance.end) >= profile.endpointingMicros)
        #expect(final.micros(since: speechEnded) >= 600_000)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.at <= $1.at })
    }

    @Test("Misheard words stay wrong in partials and may be corrected in the final")
    func sttWordErrors() {
        var profile = STTProfile()
        profile.wordErrorRate = .one
        profile.finalCorrectionRate = .one
        let (timeline, events) = Self.streamOneUtterance(profile)
        let partials = events.compactMap { if case .partial(let text) = $0.event { text } else { nil } }
        let words = timeline.utterances[0].words.map(\.text)
        let lastPartial = try! #require(partials.last).split(separator: " ").map(String.init)
        #expect(lastPartial.count == words.count)
        #expect(zip(lastPartial, words).allSatisfy { $0 != $1 || STTModel.confusions.contains($1) })
        #expect(events.last?.event == .final(timeline.utterances[0].text))
    }

    @Test("An STT outage closes the stream with an error; V1 REST transcribes a window in ~2.6 s")
    func sttOutageAndRest() {
        let user = SimUser(
            script: UserScript(utterances: [.init("what is the weather", start: .at(.seconds(1)))]), seed: 1)
        let outage = FaultSchedule([
            Fault(
                startMicros: 1_000_000, endMicros: 2_000_000,
                kind: .providerOutage(provider: .stt))
        ])
        var stt = STTModel(prng: PRNG(seed: 2), micStart: .zero)
        let chunk = AudioChunk(sampleCount: 1_600, fingerprint: 0, frameEnergies: [0, 0, 0, 0, 0])
        _ = stt.handle(.open, at: .zero, speech: user.timeline, faults: outage)
        let closed = stt.handle(
            .audio(seq: 11, chunk: chunk), at: .millis(1_100), speech: user.timeline, faults: outage)
        #expect(closed.map(\.event) == [.closed(error: "stt: provider outage")])
        #expect(!stt.isStreamOpen)
        let reopened = stt.handle(.open, at: .millis(1_500), speech: user.timeline, faults: outage)
        #expect(reopened.map(\.event) == [.closed(error: "stt: provider unavailable")])

        var rest = STTModel(prng: PRNG(seed: 2), micStart: .zero)
        let result = rest.handle(
            .transcribe(requestID: 7, firstSeq: 1, lastSeq: 30), at: .seconds(3),
            speech: user.timeline, faults: .none)
        #expect(result.count == 1)
        #expect(
            result[0].event
                == .transcript(
                    requestID: 7,
                    text: rest.transcript(
                        of: user.timeline.utterances[0], words: Array(0..<4), final: true)))
        let latency = result[0].at.micros(since: .seconds(3))
        #expect(latency >= 2_340_000 && latency <= 2_860_000)
    }

    static let history = [ConversationTurn(role: .user, text: "can you book a table for two at seven")]

    @Test("The LLM gives the same reply for the same seed and history, as plausible words")
    func llmDeterministicReply() {
        let first = LLMModel(prng: PRNG(seed: 10)).reply(to: Self.history)
        let second = LLMModel(prng: PRNG(seed: 10)).reply(to: Self.history)
        let otherSeed = LLMModel(prng: PRNG(seed: 11)).reply(to: Self.history)
        #expect(first == second)
        #expect(first != otherSeed)
        #expect(first.count >= 15 && first.count <= 45)
        #expect(!first[0].hasPrefix(" ") && first[0].first!.isUppercase)
        #expect(first.dropFirst().allSatisfy { $0.hasPrefix(" ") && $0.count > 1 })
        #expect(first.joined().hasSuffix("."))
    }

    @Test("Streaming LLM tokens start within a second and arrive at 40–60 tokens a second")
    func llmStreamingTiming() {
        var llm = LLMModel(prng: PRNG(seed: 4))
        for request in UInt32(1)...20 {
            let start = Instant.seconds(Int64(request) * 10)
            let events = llm.handle(
                .start(requestID: request, history: Self.history, stream: true), at: start,
                faults: .none)
            let tokens = events.filter { if case .token = $0.event { true } else { false } }
            let ttfb = tokens[0].at.micros(since: start)
            #expect(ttfb >= 400_000 && ttfb < 1_000_000)
            let span = tokens.last!.at.micros(since: tokens[0].at)
            let perToken = span / Int64(tokens.count - 1)
            #expect(perToken >= 13_000 && perToken <= 30_000)
            let inputTokens = LLMModel.inputTokens(Self.history, systemPromptTokens: 400)
            #expect(
                events.last?.event
                    == .done(
                        requestID: request, inputTokens: inputTokens,
                        outputTokens: UInt32(tokens.count)))
        }
    }

    @Test("V1 LLM answers whole after ~3.3 s; an outage fails the request")
    func llmRestAndOutage() {
        var llm = LLMModel(prng: PRNG(seed: 4))
        let events = llm.handle(.start(requestID: 1, history: Self.history, stream: false), at: .zero, faults: .none)
        #expect(events.count == 2)
        #expect(events[0].event == .token(requestID: 1, text: llm.reply(to: Self.history).joined()))
        #expect(events[0].at >= .millis(2_970) && events[0].at <= .millis(3_630))
        let outage = FaultSchedule([
            Fault(
                startMicros: 5_000_000, endMicros: 6_000_000,
                kind: .providerOutage(provider: .llm))
        ])
        let failed = llm.handle(
            .start(requestID: 2, history: Self.history, stream: true), at: .millis(5_500),
            faults: outage)
        #expect(failed.map(\.event) == [.failed(requestID: 2, reason: "llm: 503 service unavailable")])
        // 40+ tokens starting 0.4–0.7 s after 4.2 s: the stream is still running at 5 s.
        var long = LLMModel(profile: LLMProfile(replyWordsMin: 40, replyWordsMax: 45), prng: PRNG(seed: 4))
        let cut = long.handle(
            .start(requestID: 3, history: Self.history, stream: true), at: .millis(4_200),
            faults: outage)
        #expect(cut.last?.event == .failed(requestID: 3, reason: "llm: stream interrupted"))
        #expect(cut.last?.at == .seconds(5))
        #expect(cut.dropLast().allSatisfy { $0.at < .seconds(5) })
        #expect(cut.count > 1)
    }

    @Test("Streaming TTS speaks complete words, aligned, and reaches the whole text after flush")
    func ttsStreamingAlignment() {
        var tts = TTSModel(prng: PRNG(seed: 8))
        let tokens = [
            "Sure", ",", " I", " can", " book", " that", " table", " for", " two", " people", " tonight", ".",
        ]
        var events = tts.handle(.start(responseID: 4), at: .seconds(1), faults: .none)
        for (index, token) in tokens.enumerated() {
            events += tts.handle(
                .text(responseID: 4, text: token), at: .seconds(1) + Int64(index) * 20_000, faults: .none)
        }
        events += tts.handle(.flush(responseID: 4), at: .millis(1_300), faults: .none)
        let text = tokens.joined()
        var lastEnd: UInt32 = 0
        var audioMicros: Int64 = 0
        var audioEvents = 0
        for (_, event) in events {
            if case .audio(4, let chunk, let textEnd) = event {
                #expect(textEnd >= lastEnd)
                #expect(chunk.sampleCount <= 1_600 && chunk.sampleCount > 0)
                lastEnd = textEnd
                audioMicros += chunk.durationMicros
                audioEvents += 1
            }
        }
        #expect(lastEnd == UInt32(text.utf8.count))
        #expect(events.last?.event == .done(responseID: 4))
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.at <= $1.at })
        let firstAudio = events[0].at.micros(since: .seconds(1))
        #expect(firstAudio >= 360_000 && firstAudio <= 460_000)
        // ~15 characters a second, plus pauses after punctuation.
        #expect(audioMicros > 2_500_000 && audioMicros < 5_000_000)
        #expect(audioEvents >= 25)
        #expect(tts.openStreamCount == 0)
    }

    @Test("Streaming TTS waits for a word to be complete and runs dry without more text")
    func ttsWaitsForCompleteWords() {
        var tts = TTSModel(prng: PRNG(seed: 8))
        _ = tts.handle(.start(responseID: 1), at: .zero, faults: .none)
        #expect(tts.handle(.text(responseID: 1, text: "Hello"), at: .zero, faults: .none).isEmpty)
        let more = tts.handle(.text(responseID: 1, text: " wor"), at: .millis(20), faults: .none)
        #expect(!more.isEmpty)
        for (_, event) in more {
            if case .audio(_, _, let textEnd) = event { #expect(textEnd <= 6) }
        }
        let cancelled = tts.handle(.cancel(responseID: 1), at: .millis(40), faults: .none)
        #expect(cancelled.isEmpty)
        #expect(tts.handle(.text(responseID: 1, text: "ld"), at: .millis(60), faults: .none).isEmpty)
    }

    @Test("Streaming TTS audio does not depend on the chunk size: chunks cut the same samples")
    func ttsChunkingIndependent() {
        func audio(chunkMicros: Int64) -> [Int16] {
            var tts = TTSModel(profile: TTSProfile(chunkMicros: chunkMicros), prng: PRNG(seed: 3))
            var events = tts.handle(.start(responseID: 1), at: .zero, faults: .none)
            for (index, word) in ["Sure, ", "I ", "can ", "help ", "with ", "that. ", "What ", "time?"].enumerated() {
                events += tts.handle(.text(responseID: 1, text: word), at: .millis(Int64(index) * 50), faults: .none)
            }
            events += tts.handle(.flush(responseID: 1), at: .millis(400), faults: .none)
            return events.flatMap { entry -> [Int16] in
                if case .audio(_, let chunk, _) = entry.event { return chunk.samples }
                return []
            }
        }
        let whole = audio(chunkMicros: 60_000_000)
        #expect(whole.count > 40_000)
        for chunkMicros: Int64 in [20_000, 100_000, 130_000] {
            let cut = audio(chunkMicros: chunkMicros)
            let firstDifference = zip(cut, whole).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            #expect(cut == whole, "\(chunkMicros) µs chunks: first difference at \(String(describing: firstDifference))")
        }
    }

    @Test("V1 TTS delivers the whole reply after ~2 s; audio depends only on the seed")
    func ttsWholeReply() {
        var first = TTSModel(prng: PRNG(seed: 9))
        var second = TTSModel(prng: PRNG(seed: 9))
        let text = "Your table for two is booked at seven."
        let a = first.handle(.synthesize(responseID: 2, text: text), at: .seconds(5), faults: .none)
        let b = second.handle(.synthesize(responseID: 2, text: text), at: .seconds(5), faults: .none)
        #expect(a.map(\.event) == b.map(\.event))
        let due = a[0].at.micros(since: .seconds(5))
        #expect(due >= 1_800_000 && due <= 2_200_000)
        #expect(a.allSatisfy { $0.at == a[0].at })
        if case .audio(_, _, let textEnd) = a[a.count - 2].event { #expect(textEnd == UInt32(text.utf8.count)) }
        #expect(a.last?.event == .done(responseID: 2))
    }
}

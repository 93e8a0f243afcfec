import Testing
import VoiceCore

/// Defect d: LLM failures, retries and what they bill.
@Suite("Provider failures and billing")
struct ProviderFailureTests {
    @Test("A failed LLM attempt is retried after a backoff, not at once")
    func retryWaitsForBackoff() {
        var server = activeServer()
        _ = server.handle(.stt(.final("hi")), at: ms(1_000))
        let failed = server.handle(.llm(.failed(requestID: 1, reason: "llm: 503")), at: ms(1_300))
        #expect(!failed.contains { if case .llm(.start) = $0 { true } else { false } }, "\(failed)")
    }

    @Test("Attempts rejected before any token bill nothing")
    func rejectedAttemptsNotBilled() {
        var server = activeServer()
        _ = server.handle(.stt(.final("hi")), at: ms(1_000))
        var now = ms(1_300)
        for _ in 0..<3 {
            for action in server.handle(.llm(.failed(requestID: 1, reason: "llm: 503")), at: now) {
                if case .setTimer(let timer, let due) = action, timer.rawValue == 5 {
                    _ = server.handle(.timerFired(timer), at: due)
                    now = due + 300_000
                }
            }
        }
        #expect(server.counters.llmFailures == 1)
        #expect(server.usage.llmInputTokens == 0)
        #expect(server.usage.llmOutputTokens == 0)
    }

    @Test("Each timed-out attempt bills its input once, with the system prompt")
    func timedOutAttemptsBilledOnce() {
        var server = activeServer()
        _ = server.handle(.stt(.final("book a table")), at: ms(1_000))
        var now = ms(1_000) + server.config.llmFirstTokenTimeoutMicros
        for _ in 0..<3 {
            for action in server.handle(.timerFired(.llmTimeout), at: now) {
                if case .setTimer(let timer, let due) = action, timer.rawValue == 5 {
                    _ = server.handle(.timerFired(timer), at: due)
                    now = due + server.config.llmFirstTokenTimeoutMicros
                }
            }
        }
        #expect(server.counters.llmFailures == 1)
        // The provider's rule: system prompt plus a token per four bytes of the request ("book a table": 12 bytes).
        #expect(server.usage.llmInputTokens == 3 * (400 + 12 / 4))
    }

    @Test("An LLM stream that dies mid-reply tells the user and lets the spoken part finish")
    func midStreamFailureReported() {
        var server = activeServer()
        _ = server.handle(.stt(.final("hi")), at: ms(1_000))
        _ = server.handle(.llm(.token(requestID: 1, text: "Hello")), at: ms(1_500))
        _ = server.handle(.llm(.token(requestID: 1, text: " there")), at: ms(1_520))
        let failed = server.handle(.llm(.failed(requestID: 1, reason: "llm: stream interrupted")), at: ms(1_600))
        #expect(failed == [
            .tts(.flush(responseID: 1)),
            .send(.error(code: .providerFailed, message: "the language model stopped mid-reply: llm: stream interrupted")),
        ])
        // Input as estimated by the provider's rule ("hi": 2 bytes), output as streamed.
        #expect(server.usage.llmInputTokens == 400 + 2 / 4)
        #expect(server.usage.llmOutputTokens == 2)
    }
}

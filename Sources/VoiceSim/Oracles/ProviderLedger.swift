import VoiceCore

/// What the simulated providers saw and would bill, kept apart from the core's own usage.
///
/// The billing rule (README, "Billing"):
/// - STT: every second of audio the session streamed to STT (V2), or the recorded window
///   it asked to transcribe (V1).
/// - TTS: every character of text the session sent to TTS.
/// - LLM, per attempt: a request that fails before its first token is not billed; a
///   completed request bills the input and output tokens the provider reported; a
///   request cancelled by the session, or cut off after it started streaming, bills its
///   input tokens (system prompt plus history, the provider's count) and the output
///   tokens delivered before it ended. A session that estimates the input of such an
///   attempt may be off by at most one token per attempt (rounding).
struct ProviderLedger {
    enum Outcome: Equatable {
        case open
        case completed(inputTokens: UInt64, outputTokens: UInt64)
        case failed
        case cancelled
    }

    struct Attempt {
        let requestID: UInt32
        let generation: UInt32
        let session: Int
        /// The provider's count of the request's input (system prompt + history).
        let inputTokens: UInt64
        var tokensDelivered: UInt64 = 0
        var outcome: Outcome = .open
        var endedAt: Instant?
    }

    /// What the providers billed one session.
    struct Bill: Equatable {
        var sttMicros: Int64 = 0
        var ttsCharacters: UInt64 = 0
        var llmInputTokens: UInt64 = 0
        var llmOutputTokens: UInt64 = 0
        /// Attempts whose input the session had to estimate (cancelled or cut off).
        var estimatedAttempts: UInt64 = 0
        var openAttempts = 0
    }

    private(set) var attempts: [Attempt] = []
    private(set) var sessionBills: [Bill] = []
    /// TTS streams open at the provider (started or synthesising, not done, failed or cancelled).
    private(set) var openTTS: [UInt32] = []

    mutating func sessionStarted() { sessionBills.append(Bill()) }

    var session: Int { max(0, sessionBills.count - 1) }

    private mutating func bill(_ change: (inout Bill) -> Void) {
        if sessionBills.isEmpty { sessionBills.append(Bill()) }
        change(&sessionBills[sessionBills.count - 1])
    }

    mutating func sttAudio(_ micros: Int64) { bill { $0.sttMicros += micros } }
    mutating func sttTranscribe(firstSeq: UInt64, lastSeq: UInt64) {
        guard lastSeq >= firstSeq else { return }
        bill { $0.sttMicros += Int64(clamping: lastSeq - firstSeq + 1) * AudioFormat.micChunkMicros }
    }

    mutating func ttsText(_ text: String) { bill { $0.ttsCharacters += UInt64(text.utf8.count) } }

    mutating func ttsOpened(_ id: UInt32) { if !openTTS.contains(id) { openTTS.append(id) } }
    mutating func ttsClosed(_ id: UInt32) { openTTS.removeAll { $0 == id } }

    mutating func llmStarted(_ requestID: UInt32, generation: UInt32, inputTokens: UInt64) {
        attempts.append(Attempt(requestID: requestID, generation: generation, session: session, inputTokens: inputTokens))
        openLLM.append(requestID)
    }

    func openAttempt(generation: UInt32) -> Int? {
        attempts.lastIndex { $0.generation == generation && $0.outcome == .open }
    }

    /// Request ids of the LLM attempts still open, oldest first.
    private(set) var openLLM: [UInt32] = []

    var hasOpenStreams: Bool { !openLLM.isEmpty || !openTTS.isEmpty }

    /// The most recent attempt of `requestID`, if any.
    func lastAttempt(of requestID: UInt32) -> Attempt? { attempts.last { $0.requestID == requestID } }

    mutating func llmToken(generation: UInt32) {
        if let index = openAttempt(generation: generation) { attempts[index].tokensDelivered += 1 }
    }

    mutating func llmEnded(generation: UInt32, _ outcome: Outcome, at time: Instant) {
        guard let index = openAttempt(generation: generation) else { return }
        close(index, outcome, at: time)
    }

    /// The session cancelled every open attempt of `requestID`.
    mutating func llmCancelled(_ requestID: UInt32, at time: Instant) {
        for index in attempts.indices where attempts[index].requestID == requestID && attempts[index].outcome == .open {
            close(index, .cancelled, at: time)
        }
    }

    private mutating func close(_ index: Int, _ outcome: Outcome, at time: Instant) {
        if let open = openLLM.firstIndex(of: attempts[index].requestID) { openLLM.remove(at: open) }
        attempts[index].outcome = outcome
        attempts[index].endedAt = time
        let attempt = attempts[index]
        guard sessionBills.indices.contains(attempt.session) else { return }
        switch outcome {
        case .open:
            break
        case .completed(let input, let output):
            sessionBills[attempt.session].llmInputTokens += input
            sessionBills[attempt.session].llmOutputTokens += output
        case .failed where attempt.tokensDelivered == 0:
            break
        case .failed, .cancelled:
            sessionBills[attempt.session].llmInputTokens += attempt.inputTokens
            sessionBills[attempt.session].llmOutputTokens += attempt.tokensDelivered
            sessionBills[attempt.session].estimatedAttempts += 1
        }
    }

    /// The bill of session `index`, with the attempts still open counted.
    func bill(session index: Int) -> Bill? {
        guard sessionBills.indices.contains(index) else { return nil }
        var bill = sessionBills[index]
        bill.openAttempts = attempts.filter { $0.session == index && $0.outcome == .open }.count
        return bill
    }
}

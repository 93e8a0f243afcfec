import VoiceCore

/// The simulated LLM: deterministic replies with calibrated timing and failures.
///
/// A reply is a pure function of the conversation history and the model's seed, so the
/// same question gets the same answer whatever else happened (V1 and V2 runs of one
/// script can be compared). Timing and failures come from the model's own PRNG stream.
///
/// Streaming (V2): tokens (about one word each, with its leading space) after
/// `timeToFirstToken`, at 40–60 tokens a second, then `.done`. Non-streaming (V1): the
/// whole reply as one token after `restLatency`, then `.done`. An outage fails requests
/// started inside it and cuts streams it overlaps; a `providerSlow` window delays the
/// first token.
///
/// The model keeps no per-request state: cancelling is the world's job (it drops the
/// pending events of a cancelled request), and `.cancel` returns no events.
public struct LLMModel: Sendable {
    public let profile: LLMProfile
    var prng: PRNG
    /// Seed for reply text.
    let replySeed: UInt64

    public init(profile: LLMProfile = LLMProfile(), prng: PRNG) {
        self.profile = profile
        var prng = prng
        replySeed = prng.next()
        self.prng = prng
    }
}

extension LLMModel {
    /// Handles one command received at `now`; returns every event of the request with
    /// its due time, in order.
    /// - Complexity: O(reply length + history length).
    public mutating func handle(
        _ command: LLMCommand, at now: Instant,
        faults: FaultSchedule
    ) -> [(at: Instant, event: LLMEvent)] {
        switch command {
        case .cancel:
            return []
        case .start(let requestID, let history, let stream):
            if faults.isDown(.llm, at: now) {
                let due = now + profile.failureLatency.sample(using: &prng)
                return [(due, .failed(requestID: requestID, reason: "llm: 503 service unavailable"))]
            }
            if prng.chance(profile.serverErrorRate) {
                let due = now + profile.failureLatency.sample(using: &prng)
                return [(due, .failed(requestID: requestID, reason: "llm: 500 internal server error"))]
            }
            let tokens = reply(to: history)
            let inputTokens = LLMModel.inputTokens(history, systemPromptTokens: profile.systemPromptTokens)
            let done = LLMEvent.done(requestID: requestID, inputTokens: inputTokens, outputTokens: UInt32(tokens.count))
            let extraMicros = faults.providerExtraMicros(.llm, at: now)
            if !stream {
                let due = now + profile.restLatency.sample(using: &prng) + extraMicros
                if let outage = faults.outageStart(.llm, from: now, to: due + 1) {
                    return [(outage, .failed(requestID: requestID, reason: "llm: connection reset"))]
                }
                return [(due, .token(requestID: requestID, text: tokens.joined())), (due, done)]
            }
            return streamEvents(requestID, tokens: tokens, done: done, at: now + extraMicros, faults: faults)
        }
    }

    private mutating func streamEvents(
        _ requestID: UInt32, tokens: [String], done: LLMEvent, at start: Instant,
        faults: FaultSchedule
    ) -> [(at: Instant, event: LLMEvent)] {
        var events: [(at: Instant, event: LLMEvent)] = []
        events.reserveCapacity(tokens.count + 1)
        var rate = prng.inRange(profile.tokensPerSecondMin, profile.tokensPerSecondMax)
        if prng.chance(profile.slowTokensRate) { rate = max(1, rate / profile.slowTokenFactor) }
        let intervalMicros = 1_000_000 / rate
        var due = start + profile.timeToFirstToken.sample(using: &prng)
        for (index, token) in tokens.enumerated() {
            if index > 0 { due = due + prng.inRange(intervalMicros * 4 / 5, intervalMicros * 6 / 5) }
            events.append((due, .token(requestID: requestID, text: token)))
        }
        events.append((due, done))
        if let outage = faults.outageStart(.llm, from: start, to: due + 1) {
            events.removeAll { $0.at >= outage }
            events.append((outage, .failed(requestID: requestID, reason: "llm: stream interrupted")))
        }
        return events
    }

    /// Input tokens billed for `history`: about four characters a token, plus the
    /// system prompt.
    public static func inputTokens(_ history: [ConversationTurn], systemPromptTokens: UInt32) -> UInt32 {
        let characters = history.reduce(0) { $0 + $1.text.utf8.count }
        return systemPromptTokens + UInt32(clamping: characters / 4)
    }

    /// The reply to `history` as tokens: the first word capitalised without a leading
    /// space, every other token " word", sentences of 6–14 words, a final period.
    public func reply(to history: [ConversationTurn]) -> [String] {
        var draw = PRNG(seed: replySeed ^ LLMModel.fingerprint(history))
        let wordCount = Int(draw.inRange(Int64(profile.replyWordsMin), Int64(profile.replyWordsMax)))
        let words = LLMVocabulary.words
        var tokens: [String] = []
        tokens.reserveCapacity(wordCount)
        var sentenceLeft = draw.inRange(6, 14)
        var capitalize = true
        for index in 0..<wordCount {
            var word = words[Int(draw.below(UInt64(words.count)))]
            if capitalize { word = LLMModel.capitalized(word) }
            capitalize = false
            sentenceLeft -= 1
            if index == wordCount - 1 {
                word += "."
            } else if sentenceLeft == 0 {
                if draw.below(3) == 0 {
                    word += ","
                } else {
                    word += "."
                    capitalize = true
                }
                sentenceLeft = draw.inRange(6, 14)
            }
            tokens.append(index == 0 ? word : " " + word)
        }
        return tokens
    }

    /// FNV-1a over roles and texts: equal histories give equal replies.
    static func fingerprint(_ history: [ConversationTurn]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for turn in history {
            hash = (hash ^ UInt64(turn.role.rawValue)) &* 0x0000_0100_0000_01B3
            for byte in turn.text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash = (hash ^ 0xFF) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// ASCII capitalisation (locale-free, so identical everywhere).
    static func capitalized(_ word: String) -> String {
        var bytes = Array(word.utf8)
        if let first = bytes.first, first >= 0x61 && first <= 0x7A { bytes[0] = first - 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }
}

import VoiceCore

/// The simulated speech-to-text provider, streaming (V2) and REST (V1).
///
/// It does not analyse audio: it knows what was said from the user's `SpeechTimeline`
/// and which audio it has received (by sequence number). Mic chunk `seq` (k ≥ 1) covers
/// capture time `[micStart + (k−1)·100 ms, micStart + k·100 ms)`; a word is heard once the
/// chunk holding its end has arrived. From that it produces what a streaming provider
/// sends: partial transcripts of the current utterance (at most one per
/// `partialIntervalMicros`), `speechEnded` once the audio has run `endpointingMicros`
/// past the utterance's last word, and the final transcript `finalDelay` later.
///
/// Misheard words: each word is misheard with `wordErrorRate`, decided once per word
/// (the same word stays wrong in every partial); the final corrects it with
/// `finalCorrectionRate`, so a final can differ from the last partial.
///
/// Events are returned with their due times, never earlier than events already returned
/// (one ordered WebSocket). After `.close`, or when the stream is closed by a fault, the
/// world must drop events still pending for the old stream.
public struct STTModel: Sendable {
    public let profile: STTProfile
    /// Capture time of the start of mic chunk 1.
    public var micStart: Instant
    var prng: PRNG
    /// Seed for per-word error decisions.
    let errorSeed: UInt64
    var isOpen: Bool
    /// Received mic chunk sequence numbers, one bit each.
    var received: [UInt64]
    /// Capture end of the latest chunk received.
    var heardUpTo: Instant
    /// Timeline utterances already finalised (endpointed).
    var finalizedUtterances: Int
    var lastPartialText: String?
    var lastPartialAt: Instant?
    /// Due time of the latest event returned: the stream is ordered.
    var lastEventAt: Instant
    var lastCommandAt: Instant

    public init(profile: STTProfile = STTProfile(), prng: PRNG, micStart: Instant) {
        self.profile = profile
        self.micStart = micStart
        var prng = prng
        errorSeed = prng.next()
        self.prng = prng
        isOpen = false
        received = []
        heardUpTo = micStart
        finalizedUtterances = 0
        lastPartialText = nil
        lastPartialAt = nil
        lastEventAt = .zero
        lastCommandAt = .zero
    }
}

extension STTModel {
    /// Words substituted for misheard ones.
    static let confusions = [
        "a", "the", "uh", "and", "then", "there", "their", "for", "four", "to", "two", "in",
        "on", "it", "at", "ten", "when", "one", "won", "right", "write", "by", "buy", "hear",
    ]

    /// True while a streaming connection is open.
    public var isStreamOpen: Bool { isOpen }

    /// Handles one command from the session server received at `now`; returns the events
    /// it causes, with their due times (non-decreasing).
    /// - Complexity: O(words in the current utterance) for audio.
    public mutating func handle(
        _ command: STTCommand, at now: Instant, speech: SpeechTimeline,
        faults: FaultSchedule
    ) -> [(at: Instant, event: STTEvent)] {
        var events: [(at: Instant, event: STTEvent)] = []
        switch command {
        case .open:
            let due = now + profile.openLatency.sample(using: &prng)
            if faults.isDown(.stt, at: now) {
                emit(.closed(error: "stt: provider unavailable"), at: due, into: &events)
            } else {
                isOpen = true
                lastPartialText = nil
                lastPartialAt = nil
                lastCommandAt = now
                emit(.opened, at: due, into: &events)
            }
        case .audio(let seq, _):
            guard streamAlive(at: now, faults: faults, into: &events) else { break }
            markReceived(seq)
            let captureEnd = micStart + Int64(seq) * AudioFormat.micChunkMicros
            if captureEnd > heardUpTo { heardUpTo = captureEnd }
            transcribeStream(at: now, speech: speech, faults: faults, into: &events)
        case .keepalive:
            _ = streamAlive(at: now, faults: faults, into: &events)
        case .close:
            if isOpen {
                isOpen = false
                emit(.closed(error: nil), at: now, into: &events)
            }
        case .transcribe(let requestID, let firstSeq, let lastSeq):
            transcribeRequest(
                requestID, firstSeq: firstSeq, lastSeq: lastSeq, at: now, speech: speech,
                faults: faults, into: &events)
        }
        return events
    }

    /// Checks outage and idle timeout for a command on the stream; false (and a close
    /// event if the stream was open) when the stream cannot take it.
    private mutating func streamAlive(
        at now: Instant, faults: FaultSchedule,
        into events: inout [(at: Instant, event: STTEvent)]
    ) -> Bool {
        guard isOpen else { return false }
        if faults.isDown(.stt, at: now) {
            isOpen = false
            emit(.closed(error: "stt: provider outage"), at: now, into: &events)
            return false
        }
        if now.micros(since: lastCommandAt) > profile.idleTimeoutMicros {
            isOpen = false
            emit(.closed(error: "stt: idle timeout"), at: now, into: &events)
            return false
        }
        lastCommandAt = now
        return true
    }

    private mutating func markReceived(_ seq: UInt64) {
        let word = Int(seq / 64)
        if word >= received.count { received.append(contentsOf: repeatElement(0, count: word - received.count + 1)) }
        received[word] |= 1 << (seq % 64)
    }

    private func wasReceived(_ seq: UInt64) -> Bool {
        let word = Int(seq / 64)
        return word < received.count && received[word] & (1 << (seq % 64)) != 0
    }

    /// The mic chunk whose capture window holds `time` at its end (`time` in `(start, end]`).
    private func chunkSeq(endingBy time: Instant) -> UInt64? {
        let offset = time.micros(since: micStart)
        guard offset > 0 else { return nil }
        return UInt64((offset + AudioFormat.micChunkMicros - 1) / AudioFormat.micChunkMicros)
    }

    /// Partials, endpointing and finals for the audio heard so far.
    private mutating func transcribeStream(
        at now: Instant, speech: SpeechTimeline, faults: FaultSchedule,
        into events: inout [(at: Instant, event: STTEvent)]
    ) {
        let processed = now + profile.partialLatency.sample(using: &prng) + faults.providerExtraMicros(.stt, at: now)
        while finalizedUtterances < speech.utterances.count {
            let utterance = speech.utterances[finalizedUtterances]
            if utterance.start >= heardUpTo { return }
            let heard = heardWords(of: utterance)
            if heardUpTo >= utterance.end + profile.endpointingMicros {
                finalizedUtterances += 1
                lastPartialText = nil
                guard !heard.isEmpty else { continue }
                emit(.speechEnded, at: processed, into: &events)
                let finalText = transcript(of: utterance, words: heard, final: true)
                emit(.final(finalText), at: processed + profile.finalDelay.sample(using: &prng), into: &events)
                continue
            }
            guard !heard.isEmpty else { return }
            // Too soon after the last partial: nothing to send, whatever the text (checked
            // first, so the text is built only when it may be sent).
            if let last = lastPartialAt, processed.micros(since: last) < profile.partialIntervalMicros { return }
            let text = transcript(of: utterance, words: heard, final: false)
            if text == lastPartialText { return }
            lastPartialText = text
            lastPartialAt = processed
            emit(.partial(text), at: processed, into: &events)
            return
        }
    }

    /// Indices of the words of `utterance` heard so far.
    private func heardWords(of utterance: SpeechTimeline.Utterance) -> [Int] {
        var indices: [Int] = []
        for (index, word) in utterance.words.enumerated() where word.end <= heardUpTo {
            if let seq = chunkSeq(endingBy: word.end), wasReceived(seq) { indices.append(index) }
        }
        return indices
    }

    /// The text the provider reports for `words` of `utterance`.
    func transcript(of utterance: SpeechTimeline.Utterance, words: [Int], final: Bool) -> String {
        // The words joined by single spaces, built in one string.
        var text = ""
        for (position, index) in words.enumerated() {
            if position > 0 { text.append(" ") }
            let decision = errorDecision(utterance: utterance.index, word: index)
            if decision.misheard && !(final && decision.corrected) {
                text.append(decision.substitute)
            } else {
                text.append(utterance.words[index].text)
            }
        }
        return text
    }

    /// Whether a word is misheard, corrected in the final, and what replaces it: a pure
    /// function of the word's position, so every partial agrees.
    func errorDecision(utterance: Int, word: Int) -> (misheard: Bool, corrected: Bool, substitute: String) {
        var draw = PRNG(
            seed: errorSeed ^ UInt64(utterance) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(word) &* 0xC2B2_AE3D_27D4_EB4F)
        let misheard = draw.chance(profile.wordErrorRate)
        let corrected = draw.chance(profile.finalCorrectionRate)
        let substitute = STTModel.confusions[Int(draw.below(UInt64(STTModel.confusions.count)))]
        return (misheard, corrected, substitute)
    }

    /// V1: the whole capture window `[firstSeq, lastSeq]` at once.
    private mutating func transcribeRequest(
        _ requestID: UInt32, firstSeq: UInt64, lastSeq: UInt64, at now: Instant,
        speech: SpeechTimeline, faults: FaultSchedule,
        into events: inout [(at: Instant, event: STTEvent)]
    ) {
        if faults.isDown(.stt, at: now) {
            let due = now + profile.failureLatency.sample(using: &prng)
            events.append((due, .failed(requestID: requestID, reason: "stt: 503 provider unavailable")))
            return
        }
        let windowStart = micStart + Int64(firstSeq > 0 ? firstSeq - 1 : 0) * AudioFormat.micChunkMicros
        let windowEnd = micStart + Int64(lastSeq) * AudioFormat.micChunkMicros
        var pieces: [String] = []
        for utterance in speech.utterances where utterance.end > windowStart && utterance.start < windowEnd {
            let inside = utterance.words.indices.filter {
                utterance.words[$0].end > windowStart && utterance.words[$0].end <= windowEnd
            }
            if !inside.isEmpty { pieces.append(transcript(of: utterance, words: inside, final: true)) }
        }
        let due = now + profile.restLatency.sample(using: &prng) + faults.providerExtraMicros(.stt, at: now)
        // A REST request is its own HTTP exchange: not ordered against the stream.
        events.append((due, .transcript(requestID: requestID, text: pieces.joined(separator: " "))))
    }

    /// Appends `event`, no earlier than the previous one (the stream is ordered).
    private mutating func emit(_ event: STTEvent, at due: Instant, into events: inout [(at: Instant, event: STTEvent)])
    {
        let time = max(due, lastEventAt)
        lastEventAt = time
        events.append((time, event))
    }
}

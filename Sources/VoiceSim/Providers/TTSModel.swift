import VoiceCore

/// The simulated text-to-speech provider, streaming (V2) and whole-reply (V1).
///
/// V2: `.start` opens a response; `.text` appends text as the LLM produces it. A word is
/// spoken only once it is complete (followed by a space, or by `.flush`), so synthesis
/// can run dry and resume when more text arrives. The first audio comes `firstAudio`
/// after the first text; after that, audio is made faster than real time
/// (`synthesisMicrosPerAudioSecond`). Audio leaves in chunks of `chunkMicros`, in order;
/// a shorter last piece waits for more text or the flush. `.done` follows the last chunk
/// after `.flush`.
///
/// V1: `.synthesize` makes the whole reply; all its chunks arrive together after
/// `restLatency`, then `.done`.
///
/// Alignment: each `.audio` carries `textEnd`, the UTF-8 bytes of the response's text
/// fully spoken by the end of that chunk; it never decreases and equals the whole text
/// length on the last chunk after a flush.
///
/// Audio comes from `SpeechSynth` with the profile's voice (higher than the caller's), one
/// synthesiser per response seeded from the response id, so a response sounds the same
/// whatever else is running. Outages fail responses started in them and cut responses
/// whose audio would arrive after they begin. Characters are billed by the server, not
/// here. Cancelling drops the response; the world drops its pending events.
public struct TTSModel: Sendable {
    public let profile: TTSProfile
    var prng: PRNG
    let voiceSeed: UInt64
    /// Open V2 responses, oldest first.
    var streams: [Stream]
    /// Whether audio chunks keep their samples; without, each chunk is rendered into a
    /// scratch buffer and only its fingerprint kept (`Simulation.keepsAudioSamples`): in a
    /// hash-only run nothing reads a reply chunk's energies.
    var keepsSamples = true

    public init(profile: TTSProfile = TTSProfile(), prng: PRNG) {
        self.profile = profile
        var prng = prng
        voiceSeed = prng.next()
        self.prng = prng
        streams = []
    }
}

extension TTSModel {
    /// One response being synthesised.
    struct Stream: Sendable {
        let responseID: UInt32
        var text: [UInt8]
        /// Bytes of `text` already turned into words.
        var scanned: Int
        var wordCount: UInt64
        var firstAudioAt: Instant?
        /// When the work scheduled so far is finished.
        var synthesisFreeAt: Instant
        var lastEventAt: Instant
        var synth: SpeechSynth
        /// Audio made but not yet sent (less than a chunk, between batches), as the
        /// segments still to render: from `unsentOffset` samples into `unsent[unsentHead]`.
        /// Samples are rendered straight into each chunk as it is cut, in order, so they
        /// are the samples rendering the whole response at once would give.
        var unsent: [SpeechSynth.Segment]
        var unsentHead: Int
        var unsentOffset: Int
        /// Number of samples in `unsent` not yet rendered.
        var unsentSamples: Int
        /// Stream sample index of the end of everything made (rendered or not yet).
        var renderedSamples: Int64
        /// Ends of spoken words (stream sample) and the text they complete, not yet sent.
        var marks: [(sampleEnd: Int64, textEnd: UInt32)]
        var spokenTextEnd: UInt32
    }

    /// A complete word of the input: its length and the text end once it is spoken.
    struct WordUnit {
        var letters: Int
        var lastByte: UInt8
        var textEnd: Int
    }

    static let space = UInt8(ascii: " ")
    /// Shortest spoken word.
    static let wordMicrosMin: Int64 = 80_000
    static let commaPauseMicros: Int64 = 120_000
    static let sentencePauseMicros: Int64 = 250_000

    /// Number of responses currently open (started, not flushed-and-done or cancelled).
    public var openStreamCount: Int { streams.count }

    /// Handles one command received at `now`; returns the events it lets the provider
    /// schedule, with their due times (non-decreasing per response).
    /// - Complexity: O(audio samples produced).
    public mutating func handle(
        _ command: TTSCommand, at now: Instant,
        faults: FaultSchedule
    ) -> [(at: Instant, event: TTSEvent)] {
        var scratch = AudioScratch()
        return handle(command, at: now, faults: faults, scratch: &scratch)
    }

    /// The same, rendering chunks that keep no samples in `scratch`.
    mutating func handle(
        _ command: TTSCommand, at now: Instant,
        faults: FaultSchedule, scratch: inout AudioScratch
    ) -> [(at: Instant, event: TTSEvent)] {
        switch command {
        case .start(let responseID):
            streams.removeAll { $0.responseID == responseID }
            if faults.isDown(.tts, at: now) {
                return [failure(responseID, at: now, reason: "tts: 503 service unavailable")]
            }
            streams.append(newStream(responseID, at: now))
            return []
        case .text(let responseID, let text):
            guard let index = streams.firstIndex(where: { $0.responseID == responseID }) else { return [] }
            if faults.isDown(.tts, at: now) {
                streams.remove(at: index)
                return [failure(responseID, at: now, reason: "tts: stream closed by provider")]
            }
            if streams[index].firstAudioAt == nil {
                streams[index].firstAudioAt =
                    now + profile.firstAudio.sample(using: &prng)
                    + faults.providerExtraMicros(.tts, at: now)
            }
            streams[index].text.append(contentsOf: text.utf8)
            var events = synthesize(&streams[index], at: now, final: false, scratch: &scratch)
            cutAtOutage(&events, index: index, from: now, faults: faults)
            return events
        case .flush(let responseID):
            guard let index = streams.firstIndex(where: { $0.responseID == responseID }) else { return [] }
            var events = synthesize(&streams[index], at: now, final: true, scratch: &scratch)
            let doneAt = max(now, streams[index].lastEventAt)
            events.append((doneAt, .done(responseID: responseID)))
            if !cutAtOutage(&events, index: index, from: now, faults: faults) { streams.remove(at: index) }
            return events
        case .cancel(let responseID):
            streams.removeAll { $0.responseID == responseID }
            return []
        case .synthesize(let responseID, let text):
            return synthesizeWhole(responseID, text: text, at: now, faults: faults, scratch: &scratch)
        }
    }

    private mutating func newStream(_ responseID: UInt32, at now: Instant) -> Stream {
        Stream(
            responseID: responseID, text: [], scanned: 0, wordCount: 0, firstAudioAt: nil, synthesisFreeAt: now,
            lastEventAt: now, synth: SpeechSynth(voice: profile.voice, seed: voiceSeed ^ UInt64(responseID)),
            unsent: [], unsentHead: 0, unsentOffset: 0, unsentSamples: 0, renderedSamples: 0, marks: [],
            spokenTextEnd: 0)
    }

    private mutating func failure(
        _ responseID: UInt32, at now: Instant, reason: String
    ) -> (at: Instant, event: TTSEvent) {
        (now + profile.failureLatency.sample(using: &prng), .failed(responseID: responseID, reason: reason))
    }

    /// Replaces events due at or after the start of an outage by one `.failed`; true
    /// (and the stream removed) when it did.
    @discardableResult
    private mutating func cutAtOutage(
        _ events: inout [(at: Instant, event: TTSEvent)], index: Int, from now: Instant,
        faults: FaultSchedule
    ) -> Bool {
        guard let last = events.last,
            let outage = faults.outageStart(.tts, from: now, to: last.at + 1)
        else { return false }
        let responseID = streams[index].responseID
        events.removeAll { $0.at >= outage }
        events.append((outage, .failed(responseID: responseID, reason: "tts: stream interrupted")))
        streams.remove(at: index)
        return true
    }

    /// V1: the whole text, every chunk at once after `restLatency`.
    private mutating func synthesizeWhole(
        _ responseID: UInt32, text: String, at now: Instant,
        faults: FaultSchedule, scratch: inout AudioScratch
    ) -> [(at: Instant, event: TTSEvent)] {
        if faults.isDown(.tts, at: now) {
            return [failure(responseID, at: now, reason: "tts: 503 service unavailable")]
        }
        let due = now + profile.restLatency.sample(using: &prng) + faults.providerExtraMicros(.tts, at: now)
        if let outage = faults.outageStart(.tts, from: now, to: due + 1) {
            return [(outage, .failed(responseID: responseID, reason: "tts: connection reset"))]
        }
        var stream = newStream(responseID, at: now)
        stream.text = Array(text.utf8)
        stream.firstAudioAt = due
        stream.synthesisFreeAt = due
        // The whole file arrives at once: every chunk is due together.
        var events = synthesize(&stream, at: due, final: true, scratch: &scratch).map { (at: due, event: $0.event) }
        events.append((due, .done(responseID: responseID)))
        return events
    }

    /// Renders the newly complete words of `stream` and returns the chunks that are full
    /// (all of them when `final`).
    private func synthesize(
        _ stream: inout Stream, at now: Instant,
        final: Bool, scratch: inout AudioScratch
    ) -> [(at: Instant, event: TTSEvent)] {
        let units = TTSModel.completeWords(stream.text, from: &stream.scanned, final: final)
        let batchStartSample = stream.renderedSamples
        let batchStart = max(now, stream.synthesisFreeAt)
        if !units.isEmpty {
            render(units, into: &stream)
            let batchMicros = AudioFormat.micros(samples: Int(stream.renderedSamples - batchStartSample))
            stream.synthesisFreeAt = batchStart + batchMicros * profile.synthesisMicrosPerAudioSecond / 1_000_000
        }
        if final {
            // Trailing spaces belong to the last word: the last chunk covers the whole text.
            if let last = stream.marks.indices.last {
                stream.marks[last].textEnd = UInt32(stream.text.count)
            } else {
                stream.marks.append((sampleEnd: stream.renderedSamples, textEnd: UInt32(stream.text.count)))
            }
        }
        return emitChunks(&stream, batchStart: batchStart, batchStartSample: batchStartSample, final: final, scratch: &scratch)
    }

    /// Cuts the words starting at `scanned` out of `text`; a word counts once a space
    /// follows it (or at the end when `final`). Spaces after a word belong to it.
    static func completeWords(_ text: [UInt8], from scanned: inout Int, final: Bool) -> [WordUnit] {
        var units: [WordUnit] = []
        var index = scanned
        while true {
            var wordStart = index
            while wordStart < text.count && text[wordStart] == space { wordStart += 1 }
            if wordStart == text.count { break }
            var wordEnd = wordStart
            while wordEnd < text.count && text[wordEnd] != space { wordEnd += 1 }
            if wordEnd == text.count && !final { break }
            var unitEnd = wordEnd
            while unitEnd < text.count && text[unitEnd] == space { unitEnd += 1 }
            units.append(WordUnit(letters: wordEnd - wordStart, lastByte: text[wordEnd - 1], textEnd: unitEnd))
            index = unitEnd
        }
        scanned = index
        return units
    }

    /// Appends the audio of `units` to the stream's unsent audio.
    private func render(_ units: [WordUnit], into stream: inout Stream) {
        let characterMicros = 1_000_000 / profile.charactersPerSecond
        stream.unsent.reserveCapacity(stream.unsent.count + units.count * 2)
        var sampleCursor = stream.renderedSamples
        for unit in units {
            let voicedSamples = AudioFormat.samples(
                micros: max(TTSModel.wordMicrosMin, Int64(unit.letters) * characterMicros))
            var pauseMicros = characterMicros
            switch unit.lastByte {
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"): pauseMicros += TTSModel.commaPauseMicros
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): pauseMicros += TTSModel.sentencePauseMicros
            default: break
            }
            let pauseSamples = AudioFormat.samples(micros: pauseMicros)
            stream.unsent.append(.word(id: UInt64(stream.responseID) << 32 | stream.wordCount, samples: voicedSamples))
            stream.unsent.append(.silence(samples: pauseSamples))
            stream.unsentSamples += voicedSamples + pauseSamples
            stream.wordCount += 1
            stream.marks.append((sampleEnd: sampleCursor + Int64(voicedSamples), textEnd: UInt32(unit.textEnd)))
            sampleCursor += Int64(voicedSamples + pauseSamples)
        }
        stream.renderedSamples = sampleCursor
    }

    /// Sends unsent audio in whole chunks (and the remainder when `final`).
    private func emitChunks(
        _ stream: inout Stream, batchStart: Instant, batchStartSample: Int64,
        final: Bool, scratch: inout AudioScratch
    ) -> [(at: Instant, event: TTSEvent)] {
        let chunkSamples = AudioFormat.samples(micros: profile.chunkMicros)
        var events: [(at: Instant, event: TTSEvent)] = []
        var offset = 0
        let available = stream.unsentSamples
        let pendingStartSample = stream.renderedSamples - Int64(available)
        while available - offset >= chunkSamples || (final && offset < available) {
            let length = min(chunkSamples, available - offset)
            let endSample = pendingStartSample + Int64(offset + length)
            let madeMicros = AudioFormat.micros(samples: Int(max(0, endSample - batchStartSample)))
            let ready = batchStart + madeMicros * profile.synthesisMicrosPerAudioSecond / 1_000_000
            let due = max(ready, stream.firstAudioAt ?? ready, stream.lastEventAt)
            var dropped = 0
            for mark in stream.marks where mark.sampleEnd <= endSample {
                stream.spokenTextEnd = max(stream.spokenTextEnd, mark.textEnd)
                dropped += 1
            }
            stream.marks.removeFirst(dropped)
            let chunk: AudioChunk
            if keepsSamples {
                let samples = [Int16](unsafeUninitializedCapacity: length) { buffer, initialized in
                    stream.synth.render(stream.unsent, head: &stream.unsentHead, offset: &stream.unsentOffset, into: buffer)
                    initialized = length
                }
                chunk = AudioChunk(samples: samples)
            } else {
                chunk = scratch.withBuffer(count: length) { buffer in
                    stream.synth.render(stream.unsent, head: &stream.unsentHead, offset: &stream.unsentOffset, into: buffer)
                    return AudioChunk(fingerprinting: UnsafeBufferPointer(buffer))
                }
            }
            events.append((due, .audio(responseID: stream.responseID, chunk: chunk, textEnd: stream.spokenTextEnd)))
            stream.lastEventAt = due
            offset += length
        }
        stream.unsentSamples -= offset
        stream.unsent.removeFirst(stream.unsentHead)
        stream.unsentHead = 0
        return events
    }
}

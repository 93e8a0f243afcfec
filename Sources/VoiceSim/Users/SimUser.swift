import VoiceCore

/// A scripted caller: turns a `UserScript` into mic audio and a `SpeechTimeline`.
///
/// The world calls `micChunk(endingAt:)` once per 100 ms tick and tells the user when
/// the assistant's voice starts and stops (`assistantStartedSpeaking(at:)`,
/// `assistantFinishedSpeaking(at:)`); utterances that depend on those moments are
/// scheduled then. An utterance is never scheduled to start inside audio that was
/// already captured, so the timeline and the audio always agree.
public struct SimUser: Sendable {
    public let script: UserScript
    /// What has been scheduled so far (ground truth for STT and latency reports).
    public private(set) var timeline: SpeechTimeline
    var synth: SpeechSynth
    /// Next script utterance to schedule.
    var nextUtterance: Int
    /// Scheduled sounds, sorted by start sample.
    var spans: [Span]
    /// First span that may still overlap audio not yet rendered.
    var spanCursor: Int
    /// Mic audio is rendered up to (not including) this sample.
    var renderedSamples: Int64
    /// Cough delays waiting for the assistant to start replying after `afterMicros`.
    var pendingReplyCoughs: [(after: Instant, delayMicros: Int64, durationMicros: Int64)]
    /// Latest times the assistant started and finished speaking.
    var assistantStart: Instant?
    var assistantFinish: Instant?
    /// Latest time the user has been told about (notifications and mic ticks).
    var now: Instant
    /// When this call started: the script's times count from here.
    public let origin: Instant
    /// True when an utterance starts at an event: only then are events kept.
    public let watchesEvents: Bool
    /// Events of the call so far, in order (kept only when `watchesEvents`).
    var events: [(event: EventTrigger.Event, at: Instant)]

    /// A caller whose call starts at `origin` (mic audio is captured from then on).
    public init(script: UserScript, seed: UInt64, origin: Instant = .zero) {
        self.script = script
        self.origin = origin
        timeline = SpeechTimeline()
        synth = SpeechSynth(voice: script.voice, seed: seed)
        nextUtterance = 0
        spans = []
        spanCursor = 0
        renderedSamples = Int64(AudioFormat.samples(micros: origin.micros))
        pendingReplyCoughs = []
        assistantStart = nil
        assistantFinish = nil
        now = origin
        watchesEvents = script.utterances.contains {
            if case .after = $0.start { return true }
            return false
        }
        events = []
        for cough in script.coughs { scheduleCough(at: origin + cough.at.micros, durationMicros: cough.durationMicros) }
        scheduleReady()
    }
}

extension SimUser {
    /// A scheduled sound in sample time (`[start, end)` since `Instant.zero`).
    struct Span: Sendable {
        enum Kind: Sendable {
            case word(id: UInt64)
            case cough
        }

        var startSample: Int64
        var endSample: Int64
        var kind: Kind
    }

    /// Shortest audible word, whatever its length in letters.
    public static let wordMicrosMin: Int64 = 150_000
    /// Extra pause after a word ending in punctuation.
    public static let punctuationPauseMicros: Int64 = 100_000

    /// True when every utterance is scheduled and has been spoken by `time`.
    public func isFinished(at time: Instant) -> Bool {
        nextUtterance == script.utterances.count && (timeline.utterances.last?.end ?? .zero) <= time
    }

    /// The assistant's voice started playing on the caller's speaker at `time`.
    public mutating func assistantStartedSpeaking(at time: Instant) {
        advance(to: time)
        assistantStart = time
        var remaining: [(after: Instant, delayMicros: Int64, durationMicros: Int64)] = []
        for pending in pendingReplyCoughs {
            if time >= pending.after {
                scheduleCough(at: max(time + pending.delayMicros, renderedInstant), durationMicros: pending.durationMicros)
            } else {
                remaining.append(pending)
            }
        }
        pendingReplyCoughs = remaining
        scheduleReady()
    }

    /// The assistant's voice stopped (reply finished or cut off) at `time`.
    public mutating func assistantFinishedSpeaking(at time: Instant) {
        advance(to: time)
        assistantFinish = time
        scheduleReady()
    }

    /// The simulation saw `event` in this caller's call at `time`.
    public mutating func observe(_ event: EventTrigger.Event, at time: Instant) {
        advance(to: time)
        events.append((event, time))
        scheduleReady()
    }

    /// The 100 ms of mic audio captured in `[endingAt − 100 ms, endingAt)`.
    ///
    /// - Precondition: chunks do not overlap: `endingAt` is at least 100 ms after the
    ///   previous chunk's end (a gap is filled by skipping, not by rendering).
    /// - Complexity: O(1600 samples + spans touched).
    public mutating func micChunk(endingAt: Instant) -> AudioChunk {
        let startSample = startChunk(endingAt: endingAt)
        let samples = [Int16](unsafeUninitializedCapacity: AudioFormat.micChunkSamples) { buffer, count in
            render(from: startSample, into: buffer)
            count = AudioFormat.micChunkSamples
        }
        renderedSamples = startSample + Int64(AudioFormat.micChunkSamples)
        return AudioChunk(samples: samples)
    }

    /// The same chunk's summary alone (equal to the whole chunk, with the same energies): the
    /// samples are rendered into `scratch` and summarized there, so no array of them is made.
    mutating func micChunk(endingAt: Instant, summarizingIn scratch: inout AudioScratch) -> AudioChunk {
        let startSample = startChunk(endingAt: endingAt)
        let chunk = scratch.withBuffer(count: AudioFormat.micChunkSamples) { buffer in
            render(from: startSample, into: buffer)
            return AudioChunk(summarizing: UnsafeBufferPointer(buffer))
        }
        renderedSamples = startSample + Int64(AudioFormat.micChunkSamples)
        return chunk
    }

    /// Moves to the end of the chunk ending at `endingAt` and schedules what is now known;
    /// returns the chunk's first sample.
    private mutating func startChunk(endingAt: Instant) -> Int64 {
        advance(to: endingAt)
        let endSample = Int64(AudioFormat.samples(micros: endingAt.micros))
        let startSample = endSample - Int64(AudioFormat.micChunkSamples)
        precondition(
            startSample >= renderedSamples,
            "mic chunk ending at \(endingAt) overlaps audio already captured")
        scheduleReady()
        return startSample
    }

    private var renderedInstant: Instant { Instant(micros: AudioFormat.micros(samples: Int(renderedSamples))) }

    private mutating func advance(to time: Instant) {
        if time > now { now = time }
    }

    // MARK: scheduling

    /// Schedules every utterance whose start is now known, in script order.
    mutating func scheduleReady() {
        while nextUtterance < script.utterances.count {
            // Only the start rule: copying the whole utterance (its words) on every mic tick is waste.
            let rule = script.utterances[nextUtterance].start
            let previousEnd = timeline.utterances.last?.end
            // Before the first utterance, "the previous end" is the start of the call.
            let since = previousEnd ?? origin
            let earliest = max(renderedInstant, since + (previousEnd == nil ? 0 : UserScript.utteranceGapMicrosMin))
            var start: Instant
            var timedOut = false
            switch rule {
            case .at(let time):
                start = origin + time.micros
            case .afterPrevious(let pauseMicros):
                start = since + pauseMicros
            case .afterReply(let pauseMicros):
                if let finish = assistantFinish, finish > since {
                    start = finish + pauseMicros
                } else if now >= since + script.replyTimeoutMicros {
                    start = now
                    timedOut = true
                } else {
                    return
                }
            case .bargeIn(let afterMicros):
                if let started = assistantStart, started > since {
                    start = started + afterMicros
                } else if now >= since + script.replyTimeoutMicros {
                    start = now
                    timedOut = true
                } else {
                    return
                }
            case .after(let trigger):
                guard let time = eventTime(trigger, since: since) else { return }
                start = time + trigger.offsetMicros
            }
            start = max(start, earliest)
            scheduleUtterance(
                index: nextUtterance, at: start, timedOut: timedOut, isBargeIn: isBargeIn(rule))
            nextUtterance += 1
        }
    }

    /// When the `trigger.occurrence`-th event of its kind at or after `since` happened, if it has.
    private func eventTime(_ trigger: EventTrigger, since: Instant) -> Instant? {
        var seen = 0
        for observed in events where observed.event == trigger.event && observed.at >= since {
            seen += 1
            if seen == trigger.occurrence { return observed.at }
        }
        return nil
    }

    private func isBargeIn(_ start: UserScript.Start) -> Bool {
        if case .bargeIn = start { return true }
        return false
    }

    private mutating func scheduleUtterance(index: Int, at start: Instant, timedOut: Bool, isBargeIn: Bool) {
        let characterMicros = script.characterMicros
        var words: [SpeechTimeline.Word] = []
        var cursor = start.micros
        for (wordIndex, word) in script.utterances[index].words.enumerated() {
            let letters = Int64(word.unicodeScalars.count)
            let voicedMicros = max(SimUser.wordMicrosMin, letters * characterMicros)
            let wordStart = Instant(micros: cursor)
            let wordEnd = wordStart + voicedMicros
            words.append(SpeechTimeline.Word(text: String(word), start: wordStart, end: wordEnd))
            let id = UInt64(index) << 24 | UInt64(wordIndex)
            insert(Span(startSample: sample(wordStart), endSample: sample(wordEnd), kind: .word(id: id)))
            var pauseMicros = characterMicros
            if let last = word.unicodeScalars.last, ",.;:!?".unicodeScalars.contains(last) {
                pauseMicros += SimUser.punctuationPauseMicros
            }
            cursor = wordEnd.micros + pauseMicros
        }
        precondition(!words.isEmpty, "utterance \(index) has no words")
        let scheduled = SpeechTimeline.Utterance(
            index: index, words: words, startedAfterTimeout: timedOut,
            isBargeIn: isBargeIn)
        timeline.append(scheduled)
        if let delayMicros = script.utterances[index].coughAfterReplyStartsMicros {
            pendingReplyCoughs.append(
                (after: scheduled.end, delayMicros: delayMicros, durationMicros: script.utterances[index].coughMicros))
        }
    }

    private mutating func scheduleCough(at start: Instant, durationMicros: Int64) {
        let end = start + durationMicros
        timeline.append(SpeechTimeline.Cough(start: start, end: end))
        insert(Span(startSample: sample(start), endSample: sample(end), kind: .cough))
    }

    private func sample(_ time: Instant) -> Int64 { Int64(AudioFormat.samples(micros: time.micros)) }

    /// Inserts keeping `spans` sorted by start (after equal starts).
    private mutating func insert(_ span: Span) {
        var index = spans.count
        while index > spanCursor && spans[index - 1].startSample > span.startSample { index -= 1 }
        spans.insert(span, at: index)
    }

    // MARK: rendering

    /// Renders samples `[start, start + buffer.count)`. Where sounds overlap, the one that
    /// started last is heard while it lasts, then the earlier one resumes: a cough over a
    /// word masks part of it and the word goes on after, so every word of the timeline is
    /// voiced in the audio outside the coughs that cover it (the VAD hears what the timeline
    /// says was spoken).
    private mutating func render(from start: Int64, into buffer: UnsafeMutableBufferPointer<Int16>) {
        let end = start + Int64(buffer.count)
        var position = start
        while position < end {
            var heard: Int?
            var nextStart = end
            var index = spanCursor
            while index < spans.count {
                if spans[index].startSample > position {
                    nextStart = min(end, spans[index].startSample)
                    break
                }
                if spans[index].endSample > position { heard = index }
                index += 1
            }
            guard let heard else {
                synth.renderSilence(into: slice(buffer, start, position, nextStart))
                position = nextStart
                continue
            }
            let span = spans[heard]
            let stop = min(nextStart, span.endSample)
            let length = Int(span.endSample - span.startSample)
            let offset = Int(position - span.startSample)
            let target = slice(buffer, start, position, stop)
            switch span.kind {
            case .word(let id): synth.renderWord(id: id, wordSamples: length, offset: offset, into: target)
            case .cough: synth.renderCough(coughSamples: length, offset: offset, into: target)
            }
            position = stop
        }
        while spanCursor < spans.count && spans[spanCursor].endSample <= end { spanCursor += 1 }
    }

    private func slice(
        _ buffer: UnsafeMutableBufferPointer<Int16>, _ base: Int64, _ from: Int64, _ to: Int64
    )
        -> UnsafeMutableBufferPointer<Int16>
    {
        UnsafeMutableBufferPointer(rebasing: buffer[Int(from - base)..<Int(to - base)])
    }
}

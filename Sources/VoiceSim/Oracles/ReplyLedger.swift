import VoiceCore

/// Ground truth of the assistant's voice: every reply chunk the server sent, what became
/// of it on the way and at the speaker, and the text TTS said each chunk completes.
struct ReplyLedger {
    enum Fate: Equatable {
        /// Sent, not yet delivered.
        case inFlight
        /// Delivered to the client, not (yet) played.
        case delivered
        case playing(since: Instant)
        /// Played to its end.
        case played
        /// Cut off after this much of it played (barge-in, cancel, hang-up).
        case stopped(playedMicros: Int64)
        /// Lost on the network or on a connection that was already gone.
        case lost
    }

    struct Chunk {
        let fingerprint: UInt64
        let durationMicros: Int64
        /// Bytes of the response's text spoken by the end of this chunk (TTS alignment).
        let textEnd: UInt32
        var fate: Fate
        /// When the fate last changed.
        var decidedAt: Instant
    }

    struct Response {
        let id: UInt32
        /// Session ordinal (within the lane) the response was started in.
        let session: Int
        let startedAt: Instant
        /// Text sent to TTS, in order.
        var text: [UInt8] = []
        /// TTS alignment of chunks the server received, by fingerprint, oldest first.
        var alignment: [(fingerprint: UInt64, textEnd: UInt32)] = []
        /// Alignment entries already matched to a sent chunk.
        var alignmentUsed = 0
        var chunks: [Chunk] = []
        /// Chunks before this index have left `inFlight` / `delivered`: searches start here, so a
        /// reply of n chunks costs O(n), not O(n²).
        var settledInFlight = 0
        var settledDelivered = 0
        /// The server finished it normally (`responseEnd(cancelled: false)` sent).
        var endedAt: Instant?
        /// First time it was given up: the client interrupted or stopped it, or the server cancelled it.
        /// Chunks delivered but not played by then were discarded, not cut off by the end of the call.
        var abandonedAt: Instant?
    }

    private(set) var responses: [Response] = []
    /// The chunk sounding now, if any: (response index, chunk index).
    private(set) var sounding: (response: Int, chunk: Int)?
    /// When the last chunk stopped sounding.
    private(set) var silentSince: Instant = .zero

    func position(of id: UInt32) -> Int? {
        // Responses are appended in id order and looked up near the end.
        var index = responses.count - 1
        while index >= 0 {
            if responses[index].id == id { return index }
            if responses[index].id < id { return nil }
            index -= 1
        }
        return nil
    }

    mutating func started(_ id: UInt32, session: Int, at time: Instant) {
        guard position(of: id) == nil else { return }
        responses.append(Response(id: id, session: session, startedAt: time))
    }

    mutating func textSent(_ id: UInt32, _ text: String) {
        guard let index = position(of: id) else { return }
        responses[index].text.append(contentsOf: text.utf8)
    }

    mutating func synthesized(_ id: UInt32, _ text: String) {
        guard let index = position(of: id) else { return }
        responses[index].text = Array(text.utf8)
    }

    mutating func aligned(_ id: UInt32, _ chunk: AudioChunk, textEnd: UInt32) {
        guard let index = position(of: id) else { return }
        responses[index].alignment.append((chunk.fingerprint, textEnd))
    }

    mutating func sent(_ id: UInt32, _ chunk: AudioChunk, at time: Instant) {
        guard let index = position(of: id) else { return }
        // TTS audio the server dropped has an entry but no send: match by fingerprint, in order.
        var textEnd: UInt32 = 0
        let alignment = responses[index].alignment
        if let match = alignment[responses[index].alignmentUsed...].firstIndex(where: { $0.fingerprint == chunk.fingerprint }) {
            textEnd = alignment[match].textEnd
            responses[index].alignmentUsed = match + 1
        }
        responses[index].chunks.append(
            Chunk(fingerprint: chunk.fingerprint, durationMicros: chunk.durationMicros, textEnd: textEnd,
                  fate: .inFlight, decidedAt: time))
    }

    mutating func ended(_ id: UInt32, at time: Instant) {
        guard let index = position(of: id) else { return }
        responses[index].endedAt = time
    }

    mutating func abandoned(_ id: UInt32, at time: Instant) {
        guard let index = position(of: id), responses[index].abandonedAt == nil else { return }
        responses[index].abandonedAt = time
    }

    /// The oldest chunk of `id` with `fingerprint` in state `fate` (`inFlight` or `delivered`).
    private mutating func find(_ id: UInt32, _ fingerprint: UInt64, _ fate: Fate) -> (Int, Int)? {
        guard let response = position(of: id) else { return nil }
        let chunks = responses[response].chunks
        let start = fate == .inFlight ? responses[response].settledInFlight : responses[response].settledDelivered
        guard let chunk = chunks[start...].firstIndex(where: { $0.fingerprint == fingerprint && $0.fate == fate })
        else { return nil }
        // A chunk is settled for this search once it can never be in `fate` again.
        func isSettled(_ index: Int) -> Bool {
            if index == chunk { return true }
            switch chunks[index].fate {
            case .inFlight: return false
            case .delivered: return fate == .inFlight
            case .playing, .played, .stopped, .lost: return true
            }
        }
        var settled = start
        while settled < chunks.count && isSettled(settled) { settled += 1 }
        if fate == .inFlight { responses[response].settledInFlight = settled } else { responses[response].settledDelivered = settled }
        return (response, chunk)
    }

    private mutating func decide(_ at: (Int, Int), _ fate: Fate, _ time: Instant) {
        responses[at.0].chunks[at.1].fate = fate
        responses[at.0].chunks[at.1].decidedAt = time
    }

    mutating func delivered(_ id: UInt32, _ chunk: AudioChunk, at time: Instant) {
        if let at = find(id, chunk.fingerprint, .inFlight) { decide(at, .delivered, time) }
    }

    mutating func lost(_ id: UInt32, _ chunk: AudioChunk, at time: Instant) {
        if let at = find(id, chunk.fingerprint, .inFlight) { decide(at, .lost, time) }
    }

    /// The client started playing a chunk; returns false when no such chunk was ever delivered.
    mutating func played(_ id: UInt32, _ chunk: AudioChunk, at time: Instant) -> Bool {
        finishSounding(at: time)
        guard let at = find(id, chunk.fingerprint, .delivered) else { return false }
        decide(at, .playing(since: time), time)
        sounding = at
        return true
    }

    /// The sounding chunk ran to its end (the client's chunk-end timer fired).
    mutating func finishSounding(at time: Instant) {
        guard let at = sounding else { return }
        decide(at, .played, time)
        sounding = nil
        silentSince = time
    }

    /// Playback stopped now: the sounding chunk is cut off.
    mutating func stopSounding(at time: Instant) {
        guard let at = sounding, case .playing(let since) = responses[at.0].chunks[at.1].fate else { return }
        let playedMicros = min(time.micros(since: since), responses[at.0].chunks[at.1].durationMicros)
        decide(at, playedMicros >= responses[at.0].chunks[at.1].durationMicros ? .played : .stopped(playedMicros: playedMicros), time)
        sounding = nil
        silentSince = time
    }

    var isSounding: Bool { sounding != nil }

    /// True when `id` has audio on the way to, or waiting at, the client.
    func hasPendingAudio(_ id: UInt32) -> Bool {
        guard let index = position(of: id) else { return false }
        return responses[index].chunks.contains { $0.fate == .inFlight || $0.fate == .delivered }
    }
}

extension ReplyLedger.Response {
    /// Chunks played to their end, from the first, before any chunk that was not: what the
    /// user heard without a gap.
    var contiguouslyPlayed: Int {
        var count = 0
        for chunk in chunks {
            guard chunk.fate == .played else { break }
            count += 1
        }
        return count
    }

    /// A chunk played to its end after an earlier one was skipped (lost, or never played).
    var hole: (skipped: Int, playedAfter: Int)? {
        let prefix = contiguouslyPlayed
        guard prefix < chunks.count else { return nil }
        for later in (prefix + 1)..<max(prefix + 1, chunks.count) where chunks[later].fate == .played {
            return (prefix, later)
        }
        return nil
    }

    /// The text the user heard: the words completed by the last chunk heard without a gap
    /// (TTS alignment), cut back to a whole word and trimmed of spaces.
    var heardText: String {
        let prefix = contiguouslyPlayed
        guard prefix > 0 else { return "" }
        return ReplyLedger.wholeWords(text, through: Int(chunks[prefix - 1].textEnd))
    }
}

extension ReplyLedger {
    /// The first `end` bytes of `text`, without a word cut in half, trimmed of spaces.
    static func wholeWords(_ text: [UInt8], through end: Int) -> String {
        var cut = min(max(end, 0), text.count)
        if cut < text.count && text[cut] != 32 {
            while cut > 0 && text[cut - 1] != 32 { cut -= 1 }
        }
        var first = 0
        while first < cut && text[first] == 32 { first += 1 }
        while cut > first && text[cut - 1] == 32 { cut -= 1 }
        return String(decoding: text[first..<cut], as: UTF8.self)
    }
}

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
        /// TTS alignment of chunks the server received, by fingerprint, oldest first: the reply's
        /// audio as the session took it, sent at once or queued while the client was away.
        var alignment: [(fingerprint: UInt64, durationMicros: Int64, textEnd: UInt32)] = []
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
        var abandonedAt: Instant?
        /// The server ended it (normally or cancelled) with audio sent: it now waits for the client's report.
        var awaitingReport = false
        /// Audio the user really heard of it (this ledger's count) when the client first reported on it.
        var heardAtReport: Int64?
        /// How the session settled what the user heard of it, if it did.
        var confirmation: Confirmation?
    }

    /// How a session learnt what the user heard of a reply.
    enum Confirmation: Equatable {
        /// A barge-in report arrived: the unplayed rest was stopped by the user.
        case bargeIn
        /// A played report arrived: the unplayed rest was dropped.
        case played
        /// Too many replies waited for reports; the session gave this one up unheard.
        case evicted
    }

    private(set) var responses: [Response] = []
    /// The chunk sounding now, if any: (response index, chunk index).
    private(set) var sounding: (response: Int, chunk: Int)?
    /// When the last chunk stopped sounding.
    private(set) var silentSince: Instant = .zero
    /// Responses of the current session waiting for the client's report, oldest first.
    private var awaiting: [Int] = []

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
        responses[index].alignment.append((chunk.fingerprint, chunk.durationMicros, textEnd))
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

    /// A new session started: replies of the last one can no longer be confirmed.
    mutating func sessionStarted() { awaiting = [] }

    /// The server ended `id` (normally, or cancelled with audio sent): the session keeps it
    /// waiting for the client's report, at most `awaitingMax` replies, giving up the oldest
    /// beyond that. A report already in hand (it ended the reply) settles it at once, after it
    /// took its place in the count.
    mutating func awaitReport(_ id: UInt32, awaitingMax: Int) {
        guard let index = position(of: id), !responses[index].awaitingReport else { return }
        responses[index].awaitingReport = true
        let settled = responses[index].confirmation != nil
        if !settled { awaiting.append(index) }
        if awaiting.count + (settled ? 1 : 0) > awaitingMax, !awaiting.isEmpty {
            responses[awaiting.removeFirst()].confirmation = .evicted
        }
    }

    /// The client sent a report on `id`: the first one fixes what the user heard by then.
    mutating func reportSent(_ id: UInt32, at time: Instant) {
        guard let index = position(of: id), responses[index].heardAtReport == nil else { return }
        responses[index].heardAtReport = responses[index].playedMicros(at: time)
    }

    /// A report on `id` reached the server while session `session` was active. The first one
    /// for a reply of that session settles it, unless the session had given it up.
    mutating func reportReceived(_ id: UInt32, bargeIn: Bool, session: Int) {
        guard let index = position(of: id), responses[index].session == session,
            responses[index].confirmation == nil else { return }
        responses[index].confirmation = bargeIn ? .bargeIn : .played
        awaiting.removeAll { $0 == index }
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
    /// Audio of it the session took from TTS: sent, or queued for a client that was away.
    var sentMicros: Int64 { alignment.reduce(0) { $0 + $1.durationMicros } }

    /// Audio of it the user heard by `time`: chunks played to their end, the part of a chunk cut
    /// off, and the part of the chunk sounding now.
    func playedMicros(at time: Instant) -> Int64 {
        var total: Int64 = 0
        for chunk in chunks {
            switch chunk.fate {
            case .played: total += chunk.durationMicros
            case .stopped(let playedMicros): total += playedMicros
            case .playing(let since): total += min(time.micros(since: since), chunk.durationMicros)
            case .inFlight, .delivered, .lost: break
            }
        }
        return total
    }

    /// The history line the README's rule gives it once the session learnt that `heardMicros`
    /// of it played: all of its text when it ended normally and played in full, else the words
    /// whose audio (TTS alignment, whole milliseconds of sent audio) finished within what played,
    /// cut back to a whole word.
    func historyLine(heardMicros: Int64) -> String {
        let heardMillis = heardMicros / 1_000
        if endedAt != nil && heardMillis >= sentMicros / 1_000 { return String(decoding: text, as: UTF8.self) }
        var audioEnd: Int64 = 0
        var textEnd = 0
        for chunk in alignment {
            audioEnd += chunk.durationMicros
            guard audioEnd / 1_000 <= heardMillis else { break }
            textEnd = Int(chunk.textEnd)
        }
        return ReplyLedger.wholeWords(text, through: textEnd)
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

import VoiceCore

/// Ground truth of the user's microphone: every 100 ms chunk captured, in capture order,
/// and how many times each reached STT (the STT model received `STTCommand.audio` for it).
///
/// Chunks are recognised by their fingerprint, never by the client's sequence numbers,
/// so a core that numbers, drops or repeats audio wrongly cannot hide it.
struct MicLedger {
    /// 32 bytes a chunk (a call keeps one per 100 ms of it): no optional, the count last.
    struct Chunk {
        let capturedAt: Instant
        let fingerprint: UInt64
        /// `lastSentAt` in microseconds; `Int64.min` while never sent.
        private var lastSentMicros = Int64.min
        var sttCount: UInt8 = 0

        init(capturedAt: Instant, fingerprint: UInt64) {
            self.capturedAt = capturedAt
            self.fingerprint = fingerprint
        }

        /// When the client last sent it to the server.
        var lastSentAt: Instant? {
            get { lastSentMicros == Int64.min ? nil : Instant(micros: lastSentMicros) }
            set { lastSentMicros = newValue?.micros ?? Int64.min }
        }
    }

    /// Chunks the call will capture at most: room for them is taken at the first capture,
    /// so the ledger neither holds memory before its call starts nor grows by doubling.
    let expectedChunks: Int
    private(set) var chunks: [Chunk] = []
    /// Fingerprint → index of the first chunk with it.
    private var index = FingerprintIndex()
    /// Each welcome the client received, in order, with the chunks captured by then and the
    /// STT frontier: chunks before it were already passed over by a later chunk that reached STT.
    private(set) var welcomes: [Welcome] = []
    /// One past the last capture index that has reached STT so far.
    private var sttFrontier = 0

    struct Welcome {
        let at: Instant
        let captured: Int
        let sttFrontier: Int
    }
    /// Capture stopped counting: the call ended or the client gave up (its mic is off).
    private(set) var closed = false

    init(expectedChunks: Int) {
        self.expectedChunks = expectedChunks
    }

    mutating func captured(_ chunk: AudioChunk, at time: Instant) {
        guard !closed else { return }
        if chunks.isEmpty {
            chunks.reserveCapacity(expectedChunks)
            index.reserveCapacity(expectedChunks) { _ in preconditionFailure("an empty index has no entries") }
        }
        do {
            // A local reference for the lookups, gone before the append (which must not copy the array).
            let captured = chunks
            index.insertIfAbsent(chunk.fingerprint, position: captured.count) { captured[$0].fingerprint }
        }
        chunks.append(Chunk(capturedAt: time, fingerprint: chunk.fingerprint))
    }

    mutating func welcomed(at time: Instant) {
        welcomes.append(Welcome(at: time, captured: chunks.count, sttFrontier: sttFrontier))
    }

    /// The client sent `chunk` to the server (first send or replay).
    mutating func sent(_ chunk: AudioChunk, at time: Instant) {
        guard var position = firstPosition(of: chunk.fingerprint) else { return }
        while let sentAt = chunks[position].lastSentAt, sentAt < time,
            let next = chunks[(position + 1)...].firstIndex(where: { $0.fingerprint == chunk.fingerprint })
        {
            position = next
        }
        chunks[position].lastSentAt = time
    }

    mutating func close() { closed = true }

    /// Index of the first chunk captured with `fingerprint`, if any.
    private func firstPosition(of fingerprint: UInt64) -> Int? {
        index.position(of: fingerprint) { chunks[$0].fingerprint }
    }

    /// Notes that STT received `chunk`; returns the capture index and how often it has arrived now,
    /// or nil for audio the user never produced.
    mutating func reachedSTT(_ chunk: AudioChunk) -> (index: Int, count: UInt8)? {
        guard var position = firstPosition(of: chunk.fingerprint) else { return nil }
        // Identical chunks (digital silence) share a fingerprint: credit the oldest not yet delivered.
        while chunks[position].sttCount > 0,
            let next = chunks[(position + 1)...].firstIndex(where: { $0.fingerprint == chunk.fingerprint })
        {
            position = next
        }
        chunks[position].sttCount &+= 1
        sttFrontier = max(sttFrontier, position + 1)
        return (position, chunks[position].sttCount)
    }

    /// Chunks that never reached STT although a later chunk did: the true mic loss. Audio
    /// after the last chunk STT received (the call ended, the client gave up) is not loss.
    var lostIndices: [Int] {
        guard let last = chunks.lastIndex(where: { $0.sttCount > 0 }) else { return [] }
        return (0..<last).filter { chunks[$0].sttCount == 0 }
    }

    /// The last welcome at which chunk `index` was still in a replay buffer of `capacity`
    /// chunks and still ahead of STT: from then on the client had to (re)send it. A chunk a
    /// later one had already overtaken into STT (reordered, then a gap the server counted)
    /// could no longer be delivered in order; the mic-loss count covers it.
    func lastWelcomeHolding(_ index: Int, capacity: Int) -> Welcome? {
        welcomes.last { $0.captured > index && index >= $0.captured - capacity && index >= $0.sttFrontier }
    }
}

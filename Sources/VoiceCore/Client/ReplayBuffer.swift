/// The last few seconds of mic audio, kept so a reconnect can re-send what the
/// server never acknowledged.
///
/// A fixed-capacity ring: appending past capacity evicts the oldest chunk. A chunk
/// evicted before it was acknowledged can no longer be re-sent; the buffer counts
/// it (`evictedUnackedMicros`) so the gap is explicit, never silent.
package struct ReplayBuffer: Equatable, Sendable {
    package struct Entry: Equatable, Sendable {
        package let seq: UInt64
        package let chunk: AudioChunk
    }

    private var slots: [Entry?]
    private var head = 0
    package private(set) var count = 0
    package private(set) var lastAckedSeq: UInt64 = 0
    package private(set) var evictedUnackedChunks: UInt64 = 0
    package private(set) var evictedUnackedMicros: Int64 = 0

    /// - Parameter capacityChunks: e.g. 50 chunks of 100 ms for the seed's 5 s.
    package init(capacityChunks: Int) {
        precondition(capacityChunks > 0, "ReplayBuffer capacity \(capacityChunks)")
        slots = Array(repeating: nil, count: capacityChunks)
    }
}

extension ReplayBuffer {
    package var capacity: Int { slots.count }

    /// Adds the newest chunk; `seq` must exceed every seq already held.
    /// - Complexity: O(1)
    package mutating func append(seq: UInt64, chunk: AudioChunk) {
        if let newest = entry(at: count - 1) { precondition(seq > newest.seq, "seq \(seq) after \(newest.seq)") }
        if count == capacity, let oldest = slots[head] {
            if oldest.seq > lastAckedSeq {
                evictedUnackedChunks += 1
                evictedUnackedMicros += oldest.chunk.durationMicros
            }
            slots[head] = nil
            head = (head + 1) % capacity
            count -= 1
        }
        slots[(head + count) % capacity] = Entry(seq: seq, chunk: chunk)
        count += 1
    }

    /// The server has every chunk up to `seq`.
    /// - Complexity: O(1)
    package mutating func acknowledge(through seq: UInt64) {
        lastAckedSeq = max(lastAckedSeq, seq)
    }

    /// Held chunks with `seq > after`, oldest first.
    /// - Complexity: O(`count`)
    package func entries(after seq: UInt64) -> [Entry] {
        var result: [Entry] = []
        for index in 0..<count {
            if let held = entry(at: index), held.seq > seq { result.append(held) }
        }
        return result
    }

    /// Forgets everything (a new session numbers its audio afresh).
    package mutating func reset() {
        slots = Array(repeating: nil, count: capacity)
        head = 0
        count = 0
        lastAckedSeq = 0
    }

    private func entry(at index: Int) -> Entry? {
        guard index >= 0 && index < count else { return nil }
        return slots[(head + index) % capacity]
    }
}

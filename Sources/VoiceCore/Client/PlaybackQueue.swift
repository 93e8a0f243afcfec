/// Reply audio waiting to play, oldest first: a first-in first-out queue whose `removeFirst`
/// is O(1) amortized.
///
/// A V1 reply arrives whole, so its chunks all wait here and leave one by one from the front;
/// an array's `removeFirst` moves every chunk behind it, which made a reply cost the square of
/// its chunk count. Here the front advances over the storage instead, and the played prefix
/// is dropped once it is the larger part. Equality and `elements` see only the waiting chunks,
/// so the state digest folds the same contents as before.
package struct PlaybackQueue: Equatable, Sendable {
    private var storage: [Playback.Queued] = []
    /// Index in `storage` of the oldest waiting chunk; everything before it has left.
    private var head = 0

    package init() {}

    /// The waiting chunks, oldest first.
    package var elements: ArraySlice<Playback.Queued> { storage[head...] }
    package var isEmpty: Bool { head == storage.count }
    package var count: Int { storage.count - head }
    /// The oldest waiting chunk.
    package var first: Playback.Queued? { isEmpty ? nil : storage[head] }

    /// Queues `queued` behind every waiting chunk.
    package mutating func append(_ queued: Playback.Queued) {
        storage.append(queued)
    }

    /// Takes the oldest chunk off the queue.
    /// - Precondition: the queue is not empty.
    /// - Complexity: O(1) amortized
    package mutating func removeFirst() {
        precondition(!isEmpty, "removeFirst on an empty playback queue")
        head += 1
        if head == storage.count {
            storage.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= PlaybackQueue.compactionMin && head * 2 >= storage.count {
            // Each chunk is moved at most once per time the queue halves: amortized O(1).
            storage.removeSubrange(..<head)
            head = 0
        }
    }

    /// Removes every waiting chunk that `shouldBeRemoved` accepts, keeping the others' order.
    package mutating func removeAll(where shouldBeRemoved: (Playback.Queued) -> Bool) {
        storage.removeSubrange(..<head)
        head = 0
        storage.removeAll(where: shouldBeRemoved)
    }

    /// Forgets every waiting chunk.
    package mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        head = 0
    }

    /// True when a waiting chunk satisfies `predicate`.
    package func contains(where predicate: (Playback.Queued) -> Bool) -> Bool {
        elements.contains(where: predicate)
    }

    /// Equal when the same chunks wait in the same order, whatever has left either queue.
    package static func == (lhs: PlaybackQueue, rhs: PlaybackQueue) -> Bool {
        lhs.elements.elementsEqual(rhs.elements)
    }
}

extension PlaybackQueue {
    /// Played chunks kept before the front is compacted: below it, the move costs more than it saves.
    static let compactionMin = 16
}

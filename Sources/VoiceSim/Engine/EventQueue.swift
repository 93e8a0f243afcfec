import VoiceCore

/// The simulator's agenda: payloads ordered by the virtual time they are due, then by
/// the order they were pushed.
///
/// Why a sequence number: two events due at the same microsecond must come off the
/// queue in one fixed order on every run, or a replay diverges. `seq` is assigned at
/// push, so ties break by insertion order (the same rule as swift-nio's
/// `EmbeddedEventLoop`). Everything due at one instant comes off first; work it pushes
/// for that same instant runs after it.
///
/// Time never goes backwards: pushing an event earlier than the time of the last popped
/// event is a bug in the caller and stops the program (`precondition`, on in release).
///
/// Not promised: the queue is not a `Sequence`, and the order of its storage is
/// unspecified; only `popNext()` order is.
///
///     var queue = EventQueue<String>()
///     queue.push("b", at: .millis(5))
///     queue.push("a", at: .millis(1))
///     queue.push("c", at: .millis(5))
///     queue.popNext()   // (t=0.001000s, "a")
///     queue.popNext()   // (t=0.005000s, "b"): pushed before "c"
///
/// Storage: the heap orders small fixed-size keys `(time, seq, slot)`; payloads sit in
/// `slots` and are moved in once at push and out once at pop, so sifting never copies,
/// retains or releases a payload.
public struct EventQueue<Payload> {
    /// Binary min-heap of keys, ordered by `(time, seq)`.
    @usableFromInline
    var keys: ContiguousArray<Key>
    /// Payloads by slot; nil for a free slot.
    @usableFromInline
    var slots: ContiguousArray<Payload?>
    /// Slots free for reuse.
    @usableFromInline
    var freeSlots: ContiguousArray<Int>
    @usableFromInline
    var nextSeq: UInt64
    /// Microseconds of the most recently popped event (see `now`).
    @usableFromInline
    var nowMicros: Int64

    /// An empty queue whose clock starts at `start`.
    public init(start: Instant = .zero) {
        keys = []
        slots = []
        freeSlots = []
        nextSeq = 0
        nowMicros = start.micros
    }
}

extension EventQueue {
    /// Where one scheduled payload sits and when it is due; ordered by `(time, seq)`.
    @usableFromInline
    struct Key {
        @usableFromInline let time: Int64
        @usableFromInline let seq: UInt64
        @usableFromInline let slot: Int

        @inlinable
        init(time: Int64, seq: UInt64, slot: Int) {
            self.time = time
            self.seq = seq
            self.slot = slot
        }

        @inlinable
        func isBefore(_ other: Key) -> Bool {
            time == other.time ? seq < other.seq : time < other.time
        }
    }

    /// The time of the most recently popped event (the start time before the first pop).
    ///
    /// - Complexity: O(1).
    @inlinable
    public var now: Instant { Instant(micros: nowMicros) }

    /// Schedules `payload` at `time`.
    ///
    /// - Precondition: `time` is not before `now` (the time of the last popped event).
    /// - Complexity: O(log(`count`)).
    @inlinable
    public mutating func push(_ payload: consuming Payload, at time: Instant) {
        precondition(time.micros >= nowMicros, "EventQueue.push at \(time), before now \(now)")
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = consume payload
        } else {
            slot = slots.count
            slots.append(consume payload)
        }
        keys.append(Key(time: time.micros, seq: nextSeq, slot: slot))
        nextSeq &+= 1
        siftUp(from: keys.count - 1)
    }

    /// Removes and returns the earliest event (first pushed among equal times), and moves
    /// `now` to its time; nil when the queue is empty.
    ///
    /// - Complexity: O(log(`count`)).
    @inlinable
    public mutating func popNext() -> (time: Instant, payload: Payload)? {
        guard let first = keys.first else { return nil }
        let last = keys.removeLast()
        if !keys.isEmpty {
            siftDown(last)
        }
        nowMicros = first.time
        freeSlots.append(first.slot)
        guard let payload = slots[first.slot].take() else { preconditionFailure("event seq \(first.seq) has no payload") }
        return (Instant(micros: first.time), payload)
    }

    /// Moves the key at `index` up to its place.
    @inlinable
    mutating func siftUp(from index: Int) {
        keys.withUnsafeMutableBufferPointer { heap in
            let key = heap[index]
            var hole = index
            while hole > 0 {
                let parent = (hole &- 1) / 2
                guard key.isBefore(heap[parent]) else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = key
        }
    }

    /// Puts `key` at the root (replacing the popped minimum) and moves it down to its place.
    @inlinable
    mutating func siftDown(_ key: Key) {
        keys.withUnsafeMutableBufferPointer { heap in
            let count = heap.count
            var hole = 0
            while true {
                var child = 2 &* hole &+ 1
                guard child < count else { break }
                if child &+ 1 < count && heap[child &+ 1].isBefore(heap[child]) { child &+= 1 }
                guard heap[child].isBefore(key) else { break }
                heap[hole] = heap[child]
                hole = child
            }
            heap[hole] = key
        }
    }

    /// The time of the next event, without removing it; nil when empty.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var nextTime: Instant? { keys.first.map { Instant(micros: $0.time) } }

    /// Number of pending events.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var count: Int { keys.count }

    /// True when no event is pending.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var isEmpty: Bool { keys.isEmpty }

    /// Total number of events ever pushed (the next sequence number).
    ///
    /// - Complexity: O(1).
    @inlinable
    public var pushedCount: UInt64 { nextSeq }
}

extension EventQueue: Sendable where Payload: Sendable {}
extension EventQueue.Key: Sendable {}

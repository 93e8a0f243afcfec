import HeapModule
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
public struct EventQueue<Payload> {
    @usableFromInline
    var heap: Heap<Entry>
    @usableFromInline
    var nextSeq: UInt64
    /// Microseconds of the most recently popped event (see `now`).
    @usableFromInline
    var nowMicros: Int64

    /// An empty queue whose clock starts at `start`.
    public init(start: Instant = .zero) {
        heap = Heap()
        nextSeq = 0
        nowMicros = start.micros
    }
}

extension EventQueue {
    /// One scheduled payload; ordered by `(time, seq)`.
    @usableFromInline
    struct Entry: Comparable {
        @usableFromInline let time: Int64
        @usableFromInline let seq: UInt64
        @usableFromInline let payload: Payload

        @inlinable
        init(time: Int64, seq: UInt64, payload: Payload) {
            self.time = time
            self.seq = seq
            self.payload = payload
        }

        @inlinable
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.time == rhs.time ? lhs.seq < rhs.seq : lhs.time < rhs.time
        }

        @inlinable
        static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.seq == rhs.seq && lhs.time == rhs.time }
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
    public mutating func push(_ payload: Payload, at time: Instant) {
        precondition(time.micros >= nowMicros, "EventQueue.push at \(time), before now \(now)")
        heap.insert(Entry(time: time.micros, seq: nextSeq, payload: payload))
        nextSeq &+= 1
    }

    /// Removes and returns the earliest event (first pushed among equal times), and moves
    /// `now` to its time; nil when the queue is empty.
    ///
    /// - Complexity: O(log(`count`)).
    @inlinable
    public mutating func popNext() -> (time: Instant, payload: Payload)? {
        guard let entry = heap.popMin() else { return nil }
        nowMicros = entry.time
        return (Instant(micros: entry.time), entry.payload)
    }

    /// The time of the next event, without removing it; nil when empty.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var nextTime: Instant? { heap.min.map { Instant(micros: $0.time) } }

    /// Number of pending events.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var count: Int { heap.count }

    /// True when no event is pending.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var isEmpty: Bool { heap.isEmpty }

    /// Total number of events ever pushed (the next sequence number).
    ///
    /// - Complexity: O(1).
    @inlinable
    public var pushedCount: UInt64 { nextSeq }
}

extension EventQueue: Sendable where Payload: Sendable {}
extension EventQueue.Entry: Sendable where Payload: Sendable {}

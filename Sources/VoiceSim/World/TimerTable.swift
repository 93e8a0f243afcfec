/// Pending-timer bookkeeping for one machine: a generation per timer id, so a
/// cancelled or replaced deadline that still sits in the event queue is ignored.
struct TimerTable {
    private var generations: [UInt32]

    init(count: Int) {
        generations = Array(repeating: 0, count: count + 1)
    }

    /// Arms timer `id` and returns the generation its queued event must carry.
    mutating func arm(_ id: Int) -> UInt32 {
        generations[id] &+= 1
        return generations[id]
    }

    mutating func cancel(_ id: Int) {
        generations[id] &+= 1
    }

    /// True once for the current deadline of `id`; stale or repeated fires are false.
    mutating func fire(_ id: Int, generation: UInt32) -> Bool {
        guard generations[id] == generation else { return false }
        generations[id] &+= 1
        return true
    }
}

/// A driver's pending timers: one deadline per timer, each with a generation.
///
/// Arming bumps the generation; a firing is accepted only when its generation is the pending
/// one, and then the timer is no longer pending. So a cancelled or re-armed timer never fires,
/// even if its sleeping task had already woken and queued its expiry.
struct LiveTimers {
    private var pending: [LiveTimer: (generation: UInt64, task: Task<Void, Never>?)] = [:]
    private var nextGeneration: UInt64 = 1

    mutating func arm(_ timer: LiveTimer) -> UInt64 {
        pending[timer]?.task?.cancel()
        let generation = nextGeneration
        nextGeneration += 1
        pending[timer] = (generation, nil)
        return generation
    }

    /// Keeps the sleeping task so that cancelling frees it early.
    mutating func attach(_ task: Task<Void, Never>, to timer: LiveTimer) {
        guard pending[timer] != nil else {
            task.cancel()
            return
        }
        pending[timer]!.task = task
    }

    mutating func cancel(_ timer: LiveTimer) {
        pending.removeValue(forKey: timer)?.task?.cancel()
    }

    /// True when this firing is the pending deadline of `timer`, which is then used up.
    mutating func take(_ timer: LiveTimer, generation: UInt64) -> Bool {
        guard let entry = pending[timer], entry.generation == generation else { return false }
        pending.removeValue(forKey: timer)
        return true
    }

    mutating func cancelAll() {
        for entry in pending.values { entry.task?.cancel() }
        pending.removeAll()
    }
}

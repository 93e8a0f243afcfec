import VoiceCore

/// A driver's pending timers: one deadline per timer, each with a generation.
///
/// Arming bumps the generation; a firing is accepted only when its generation is the pending
/// one, and then the timer is no longer pending. So a cancelled or re-armed timer never fires,
/// even if its sleeping task had already woken and queued its expiry. Timers that are due
/// together fire in deadline order, whichever sleeping task the scheduler happened to wake
/// first (`takeEarliest`).
struct LiveTimers {
    private var pending: [LiveTimer: (generation: UInt64, due: Instant, task: Task<Void, Never>?)] = [:]
    private var nextGeneration: UInt64 = 1

    mutating func arm(_ timer: LiveTimer, at due: Instant) -> UInt64 {
        pending[timer]?.task?.cancel()
        let generation = nextGeneration
        nextGeneration += 1
        pending[timer] = (generation, due, nil)
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

    /// The deadline of the timer this firing is for, or nil when the firing is stale.
    func deadline(of timer: LiveTimer, generation: UInt64) -> Instant? {
        guard let entry = pending[timer], entry.generation == generation else { return nil }
        return entry.due
    }

    /// Takes the pending timer with the earliest deadline at or before `limit` (ties by arming
    /// order, never by hash order); nil when none is due by then.
    mutating func takeEarliest(dueBy limit: Instant) -> LiveTimer? {
        var best: (timer: LiveTimer, due: Instant, generation: UInt64)?
        for (timer, entry) in pending where entry.due <= limit {
            if let current = best,
                current.due < entry.due || (current.due == entry.due && current.generation < entry.generation)
            {
                continue
            }
            best = (timer, entry.due, entry.generation)
        }
        guard let best else { return nil }
        pending.removeValue(forKey: best.timer)?.task?.cancel()
        return best.timer
    }

    mutating func cancelAll() {
        for entry in pending.values { entry.task?.cancel() }
        pending.removeAll()
    }
}

import VoiceCore

extension EventQueue {
    /// Checks that no pending event is due before `now` and that every sequence number
    /// is below the next one to be assigned; stops the program otherwise. The simulator
    /// may call it after each step in checked runs.
    ///
    /// - Complexity: O(`count`).
    public func checkInvariants() {
        for entry in heap.unordered {
            precondition(
                entry.time >= nowMicros, "event seq \(entry.seq) at \(Instant(micros: entry.time)) is before now \(now)"
            )
            precondition(entry.seq < nextSeq, "event seq \(entry.seq) is not below the next seq \(nextSeq)")
        }
    }
}

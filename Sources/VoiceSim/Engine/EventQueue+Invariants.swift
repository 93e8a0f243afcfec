import VoiceCore

extension EventQueue {
    /// Checks that no pending event is due before `now` and that every sequence number
    /// is below the next one to be assigned; stops the program otherwise. The simulator
    /// may call it after each step in checked runs.
    ///
    /// - Complexity: O(`count`).
    public func checkInvariants() {
        for (index, entry) in keys.enumerated() {
            precondition(
                entry.time >= nowMicros, "event seq \(entry.seq) at \(Instant(micros: entry.time)) is before now \(now)"
            )
            precondition(entry.seq < nextSeq, "event seq \(entry.seq) is not below the next seq \(nextSeq)")
            precondition(index == 0 || !entry.isBefore(keys[(index - 1) / 2]), "event seq \(entry.seq) is out of heap order")
            precondition(slots[entry.slot] != nil, "event seq \(entry.seq) has no payload")
        }
    }
}

extension ClientAgent {
    /// `invariantViolations()` of a machine read where it lies, for the simulator's check after
    /// every step: calling a non-mutating method of a struct this large (584 bytes) copies it to
    /// the stack first; through `inout` (and the method inlined here) nothing is copied.
    package static func invariantViolations(of machine: inout ClientAgent) -> [String] {
        machine.invariantViolations()
    }

    /// Broken internal invariants, described; empty when all hold. The simulator checks after every step.
    /// - Complexity: O(queued audio)
    @inline(__always) package func invariantViolations() -> [String] {
        var broken: [String] = []
        if let current = playback.current, current.chunk.responseID != playback.active {
            broken.append("client plays response \(current.chunk.responseID) while \(String(describing: playback.active)) is active")
        }
        if !playback.queue.isEmpty && playback.active == nil {
            broken.append("client has \(playback.queue.count) queued chunks but no active response")
        }
        if let active = playback.active, active <= playback.discardedThrough {
            broken.append("client plays response \(active) at or below discarded \(playback.discardedThrough)")
        }
        if connection == .ready && session == nil { broken.append("client is ready without a session") }
        if replay.lastAckedSeq >= nextSeq {
            broken.append("client has ack \(replay.lastAckedSeq) for a seq never sent (next \(nextSeq))")
        }
        switch connection {
        case .failed, .ended:
            if playback.current != nil { broken.append("client still plays audio in state \(connection)") }
        case .idle, .connecting, .handshaking, .ready, .waitingToRetry:
            break
        }
        return broken
    }
}

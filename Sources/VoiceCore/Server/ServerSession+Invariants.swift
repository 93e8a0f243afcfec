extension ServerSession {
    /// `invariantViolations()` of a machine read where it lies, for the simulator's check after
    /// every step: calling a non-mutating method of a struct this large (680 bytes) copies it to
    /// the stack first; through `inout` (and the method inlined here) nothing is copied.
    package static func invariantViolations(of machine: inout ServerSession) -> [String] {
        machine.invariantViolations()
    }

    /// Broken internal invariants, described; empty when all hold. The simulator checks after every step.
    /// - Complexity: O(unconfirmed replies), plus the backward alignment points of a broken reply
    @inline(__always) package func invariantViolations() -> [String] {
        var broken: [String] = []
        if outbox.count > config.outboxMessagesMax {
            broken.append("server outbox holds \(outbox.count) > \(config.outboxMessagesMax) messages")
        }
        // The call is read in place: copying it out (its reply, alignment and reports) on every
        // step cost more than the checks themselves.
        switch state {
        case .active(let call):
            if let response = call.response {
                if response.id >= nextResponseID { broken.append("response \(response.id) not below next id \(nextResponseID)") }
                // Each point was checked against the one before as it was appended (the track
                // only grows at its end), so a backward point shows on the step that appends it.
                for point in response.alignment.backwardPoints {
                    broken.append("response \(response.id) alignment goes backwards at \(point)")
                }
                let reached = response.alignment.last.textEnd
                if Int(reached) > response.text.utf8.count {
                    broken.append("response \(response.id) aligned to byte \(reached) of \(response.text.utf8.count)")
                }
            }
            for reply in call.unconfirmed
            where reply.historyIndex >= history.count || history[reply.historyIndex].role != .assistant {
                broken.append("unconfirmed reply \(reply.id) points at history line \(reply.historyIndex)")
            }
            if call.unconfirmed.count > config.unconfirmedRepliesMax {
                broken.append("\(call.unconfirmed.count) unconfirmed replies > \(config.unconfirmedRepliesMax)")
            }
            if let response = call.response, response.waitingToRetry && response.llmDone {
                broken.append("response \(response.id) waits to retry an LLM that is done")
            }
        case .awaitingHello, .admitting, .ended:
            break
        }
        if usage.interruptions > usage.turns { broken.append("more interruptions (\(usage.interruptions)) than turns") }
        return broken
    }
}

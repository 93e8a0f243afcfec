extension ServerSession {
    // The readers below are inlinable so that a caller in another module reading them through
    // an array element (`lanes[i].machines.server.phase`) projects the field instead of copying
    // the whole session first: a copy per server event cost `voicesim fuzz` 17% more instructions.

    /// Where the session is, without the data of its stage.
    @inlinable package var phase: Phase {
        switch state {
        case .awaitingHello: .awaitingHello
        case .admitting(let userID, let pipeline, let lastAckedSeq):
            .admitting(userID: userID, pipeline: pipeline, lastAckedSeq: lastAckedSeq)
        case .active: .active
        case .ended: .ended
        }
    }

    /// The call in progress; nil in every other phase.
    @inlinable package var activeCall: ActiveCall? {
        guard case .active(let call) = state else { return nil }
        return call
    }

    /// The reply in progress; nil outside an active call.
    @inlinable package var response: Response? {
        guard case .active(let call) = state else { return nil }
        return call.response
    }

    /// Whether a call is active, and the id of its reply in progress, from one pattern match.
    /// The simulator reads both before a server step; read apart, `isActive` got evaluated late,
    /// where it is used, from a copy of the whole state (about 220 instructions a step).
    @inlinable package var activity: (active: Bool, responseID: UInt32?) {
        guard case .active(let call) = state else { return (false, nil) }
        return (true, call.response?.id)
    }

    /// True while a call is active; a pattern match, where `phase == .active` would build and
    /// compare a `Phase` on every step.
    @inlinable package var isActive: Bool {
        guard case .active = state else { return false }
        return true
    }

    /// Changes the active call in place with `body` and returns what it returns. For paths that
    /// run on every reply chunk: the `call` accessor's coroutine allocates a frame and copies the
    /// call in and out, about 1,500 instructions a use. The call is moved out of `state` and
    /// back, never copied, so its buffers change in place.
    /// - Precondition: a call is active.
    mutating func updateCall<Result>(_ body: (inout ActiveCall) -> Result) -> Result {
        guard case .active = state else { preconditionFailure("no active call in phase \(phase)") }
        var taken = State.ended
        swap(&taken, &state)
        guard case .active(var call) = consume taken else { preconditionFailure("the active call vanished") }
        defer { state = .active(call) }
        return body(&call)
    }

    /// The active call, for code that runs only during one: anything else is our bug.
    var call: ActiveCall {
        get {
            guard case .active(let call) = state else { preconditionFailure("no active call in phase \(phase)") }
            return call
        }
        _modify {
            guard case .active(var call) = state else { preconditionFailure("no active call in phase \(phase)") }
            // `state` lets go of the call while it changes, so its buffers change in place, uncopied.
            state = .ended
            defer { state = .active(call) }
            yield &call
        }
    }
}

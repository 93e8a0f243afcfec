import VoiceCore

/// What reaches a session driver's inbox, in the order it is to be handled.
public enum InboxItem<Note: Sendable>: Sendable {
    /// A fact for the core as it is (a provider event, a decoded client message).
    case input(MachineInput)
    /// A fact for the runtime, which turns it into core inputs on the driver's loop (a socket
    /// attached or closed: whether it is the session's current one is known only there).
    case note(Note)
    /// A timer armed by the driver; stale generations are dropped before reaching the core.
    case timer(LiveTimer, generation: UInt64)
    /// Stop the loop now (server shutdown); the runtime still finishes the session.
    case stop
}

/// The timers a driver keeps: the core's own and the runtime's.
public enum LiveTimer: Hashable, Sendable {
    case server(ServerTimer)
    case client(ClientTimer)
    /// A runtime deadline the core does not know about (a session-length limit, the end of a call).
    case runtime(UInt8)
}

/// An inbox item with the moment it was queued, so a load test can measure how long items
/// wait and take (`LatencyProbe`); the moment never reaches a core.
public struct Envelope<Note: Sendable>: Sendable {
    let item: InboxItem<Note>
    let queuedAt: ContinuousClock.Instant
}

/// The sending side of a driver's inbox: any task may hold it; items keep the order in which
/// each sender yields them.
public struct Inbox<Note: Sendable>: Sendable {
    let continuation: AsyncStream<Envelope<Note>>.Continuation

    /// A fact for the core.
    public func deliver(_ input: MachineInput) { send(.input(input)) }

    /// A fact for the runtime.
    public func notify(_ note: Note) { send(.note(note)) }

    /// Asks the driver to stop after what is already queued.
    public func stop() { send(.stop) }

    func fire(_ timer: LiveTimer, generation: UInt64) { send(.timer(timer, generation: generation)) }

    private func send(_ item: InboxItem<Note>) { continuation.yield(Envelope(item: item, queuedAt: .now)) }
}

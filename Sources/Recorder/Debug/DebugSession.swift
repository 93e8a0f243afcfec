import VoiceCore

/// Time-travel stepping through one recorded session against the current core.
///
/// The recorded inputs are fed one at a time to machines rebuilt from the recorded setups;
/// each step compares what the machines emit with what was recorded and checks their
/// invariants. Going back restores the nearest state snapshot before the target (taken every
/// `snapshotInterval` events on the way forward; the machines are values, so a snapshot is a
/// copy) and replays forward from there: the state after `back` is exactly the state the
/// forward run had at that position.
public struct DebugSession {
    public let session: TraceSession
    public let events: [RecordedEvent]
    /// By event index, then time.
    public let marks: [TraceMark]
    let makeMachines: (LaneSetup) -> LaneMachines
    /// Events applied so far; the next event to apply is `events[position]`.
    public private(set) var position = 0
    public private(set) var machines: [LaneMachines]
    /// What the machines emitted for the last applied event.
    public private(set) var lastOutput: MachineOutput?
    /// Snapshots of the machines before the event at `position`, ascending.
    var snapshots: [(position: Int, machines: [LaneMachines])] = []
    public let snapshotInterval: Int
    /// Per lane, whether its client VAD was in speech before the current `runUntil` step.
    var wasSpeaking: [Bool]

    public init(
        session: TraceSession, events: [RecordedEvent], marks: [TraceMark], snapshotInterval: Int = 500,
        makeMachines: @escaping (LaneSetup) -> LaneMachines = { $0.makeMachines() }
    ) {
        precondition(snapshotInterval > 0, "snapshotInterval \(snapshotInterval)")
        self.session = session
        self.events = events
        self.marks = marks.sorted { ($0.eventIndex, $0.time) < ($1.eventIndex, $1.time) }
        self.makeMachines = makeMachines
        self.snapshotInterval = snapshotInterval
        machines = session.header.lanes.map(makeMachines)
        wasSpeaking = Array(repeating: false, count: session.header.lanes.count)
        snapshots = [(0, machines)]
    }
}

/// What one applied event did.
public struct DebugStep: Equatable, Sendable {
    public var event: RecordedEvent
    /// What the current core emitted (the recording's is `event.output`).
    public var actual: MachineOutput
    /// Invariant violations of the machine that stepped, after the step.
    public var violations: [String]

    public var diverged: Bool { actual != event.output }
}

extension TraceReader {
    /// A debugging session over session `id` (the only one when nil).
    public func debugSession(_ id: Int64?) throws(DebugError) -> DebugSession {
        let session = try chooseSession(id)
        return DebugSession(
            session: session, events: try allEvents(session: session.id), marks: try allMarks(session: session.id))
    }
}

extension DebugSession {
    public var isAtEnd: Bool { position == events.count }
    /// The last applied event.
    public var current: RecordedEvent? { position > 0 ? events[position - 1] : nil }
    public var next: RecordedEvent? { position < events.count ? events[position] : nil }

    /// Applies the next event; nil at the end.
    /// - Complexity: O(the machine's work for the event)
    public mutating func stepOnce() -> DebugStep? {
        guard let event = next else { return nil }
        let lane = Int(event.input.lane)
        let actual = machines[lane].apply(event.input, at: event.time)
        position += 1
        lastOutput = actual
        if position % snapshotInterval == 0, snapshots.last!.position < position {
            snapshots.append((position, machines))
        }
        let violations: [String]
        switch event.input {
        case .client: violations = machines[lane].client.invariantViolations()
        case .server: violations = machines[lane].server.invariantViolations()
        }
        return DebugStep(event: event, actual: actual, violations: violations)
    }

    /// Goes back to `target` (clamped to 0...position): restores the nearest snapshot at or
    /// before it and replays forward.
    /// - Complexity: O(`snapshotInterval`) events replayed.
    public mutating func travel(to target: Int) {
        let target = max(0, min(target, events.count))
        guard target != position else { return }
        if target < position {
            // From a snapshot before the target, so at least one event is replayed and
            // `lastOutput` is the target event's again.
            let snapshot = snapshots.last { $0.position <= max(0, target - 1) }!
            machines = snapshot.machines
            position = snapshot.position
            lastOutput = nil
        }
        while position < target { _ = stepOnce() }
    }

    /// The state of `lane`'s client or server, one field per line, the same for the same state
    /// in any process (no hash-ordered collections reach it).
    public func dump(client: Bool, lane: UInt32) -> String {
        guard Int(lane) < machines.count else { return "no lane \(lane) (the session has \(machines.count))" }
        return client
            ? StateDump.text(of: machines[Int(lane)].client, name: "client")
            : StateDump.text(of: machines[Int(lane)].server, name: "server")
    }
}

import VoiceCore

/// Where and how a replay first behaved differently from the recording.
public struct Divergence: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        /// The machine emitted other actions than recorded for this input.
        case actions
        /// The actions matched, but the lane's action digest at a checkpoint did not.
        case checkpointDigest = "checkpoint_digest"
        /// Every action and the action digest matched, but a machine's state at a checkpoint
        /// did not: the cause lies after the last matching checkpoint.
        case checkpointState = "checkpoint_state"
        /// Every event matched, but the final digest of all lanes did not.
        case finalDigest = "final_digest"
    }

    /// The final digest of all lanes, as recorded and as replayed.
    public struct FinalDigests: Equatable, Sendable {
        public var recorded: UInt64
        public var replayed: UInt64

        public init(recorded: UInt64, replayed: UInt64) {
            self.recorded = recorded
            self.replayed = replayed
        }
    }

    /// A checkpoint as recorded, with the digests the replay had at the same event.
    public struct CheckpointComparison: Equatable, Sendable {
        public var recorded: TraceCheckpoint
        public var replayedDigest: UInt64
        /// The replay's state digests there; nil when the recording has none to compare.
        public var replayedState: LaneStateDigest?

        public init(recorded: TraceCheckpoint, replayedDigest: UInt64, replayedState: LaneStateDigest? = nil) {
            self.recorded = recorded
            self.replayedDigest = replayedDigest
            self.replayedState = replayedState
        }
    }

    public var kind: Kind
    public var session: Int64
    public var lane: UInt32
    public var eventIndex: Int64
    public var time: Instant
    public var input: MachineInput
    /// What the recorded machine emitted for `input`.
    public var expected: MachineOutput
    /// What the replayed machine emitted for it.
    public var actual: MachineOutput
    /// The inputs just before this one, oldest first (with what the recording says they produced).
    public var context: [RecordedEvent]
    /// The last checkpoint before the divergence whose digest matched; nil when none did.
    public var lastMatchingCheckpoint: TraceCheckpoint?
    /// The first checkpoint at or after the divergence (the replay continues up to it), with
    /// the replay's digest there; nil when the session has no later checkpoint.
    public var firstDifferingCheckpoint: CheckpointComparison?
    /// For `.finalDigest`: the recorded and replayed final digests.
    public var finalDigests: FinalDigests?

    public init(
        kind: Kind, session: Int64, lane: UInt32, eventIndex: Int64, time: Instant, input: MachineInput,
        expected: MachineOutput, actual: MachineOutput, context: [RecordedEvent],
        lastMatchingCheckpoint: TraceCheckpoint? = nil, firstDifferingCheckpoint: CheckpointComparison? = nil,
        finalDigests: FinalDigests? = nil
    ) {
        self.kind = kind
        self.session = session
        self.lane = lane
        self.eventIndex = eventIndex
        self.time = time
        self.input = input
        self.expected = expected
        self.actual = actual
        self.context = context
        self.lastMatchingCheckpoint = lastMatchingCheckpoint
        self.firstDifferingCheckpoint = firstDifferingCheckpoint
        self.finalDigests = finalDigests
    }
}

extension Divergence.CheckpointComparison {
    public var matches: Bool { recorded.digest == replayedDigest && recorded.state == replayedState }

    /// The machines whose state differs ("client", "server"), in that order.
    public var machinesWithDifferentState: [String] {
        guard let recordedState = recorded.state, let replayedState else { return [] }
        var names: [String] = []
        if recordedState.client != replayedState.client { names.append("client") }
        if recordedState.server != replayedState.server { names.append("server") }
        return names
    }
}

extension Divergence {
    /// The position (from 0) of the first action that differs; nil when the lists are equal.
    public var firstDifferingAction: Int? {
        let (expected, actual) = (expected.describedActions, actual.describedActions)
        for index in 0..<max(expected.count, actual.count) {
            guard index < expected.count, index < actual.count, expected[index] == actual[index] else { return index }
        }
        return nil
    }
}

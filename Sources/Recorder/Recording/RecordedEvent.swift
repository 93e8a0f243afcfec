import VoiceCore

/// One recorded machine input with the actions the machine produced for it.
public struct RecordedEvent: Equatable, Sendable {
    /// Position in the session, from 0.
    public var index: Int64
    public var time: Instant
    public var input: MachineInput
    /// What the recorded machine emitted; replay expects the same.
    public var output: MachineOutput

    public init(index: Int64, time: Instant, input: MachineInput, output: MachineOutput) {
        self.index = index
        self.time = time
        self.input = input
        self.output = output
    }
}

import VoiceCore

/// A client that showed `failed` after its backoff policy ran out, when the world itself
/// saw every one of those connections lost to an injected fault: the policy doing its job,
/// not a defect. The user saw the call fail; nothing after it can be answered.
public struct ClientGaveUp: Equatable, Sendable {
    public var lane: Int
    public var at: Instant
    /// Connections lost to faults in a row before the give-up (the policy's attempts plus
    /// the loss that started them).
    public var faultLosses: Int
}

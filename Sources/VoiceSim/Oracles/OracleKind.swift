/// The oracles' kinds of breach, by stable name: a fuzz failure keeps its kind through
/// shrinking, and reports and known-issue lists refer to these names.
public enum OracleKind: String, Equatable, Hashable, Sendable, CaseIterable {
    /// A mic chunk the user spoke reached STT more than once.
    case micAudioDuplicated
    /// The core counted a different mic gap than the chunks that really never reached STT.
    case micLossMiscounted
    /// A mic chunk still inside the client's replay window at a (re)connection never reached STT.
    case micAudioNotReplayed
    /// The conversation history's assistant lines differ from what the user heard.
    case historyNotHeard
    /// A reply chunk was skipped while later chunks of the same reply played.
    case replyAudioHole
    /// Reply audio started while the user had been speaking longer than the barge-in bound.
    case talkOverUser
    /// The client interrupted a reply that had nothing left to play.
    case falseInterrupt
    /// Session usage or cost differs from the providers' own ledger under the billing rule.
    case billingMismatch
    /// An LLM or TTS stream stayed open for a response that is not current, or past the session.
    case providerStreamLeak
    /// A timer that must not move was set again while still pending.
    case timerRearmed
    /// A keepalive timer fired or a ping was sent without an open connection.
    case keepaliveWithoutConnection
    /// The resume grace timer fired while a client connection was open.
    case graceExpiredWhileConnected
    /// A retry came in the step of the failure (no backoff) or later than the backoff ceiling.
    case retryBackoff
    /// The client showed "speaking" for longer than the bound with nothing playing.
    case speakingWhileSilent
    /// The client gave up reconnecting before its backoff policy's attempts were spent.
    case gaveUpEarly
}

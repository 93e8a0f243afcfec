/// What a server session holds only while a call is active (`ServerSession.State.active`), so
/// no reply, report or deadline can outlive the call it belongs to.
public struct ActiveCall: Equatable, Sendable {
    /// The reply in progress.
    public internal(set) var response: Response?
    /// Replies whose audio went out, oldest first, waiting for the client to say how much it
    /// played (`played` or `interrupt`); each holds an empty history line until then.
    public internal(set) var unconfirmed: [SentReply] = []
    /// When the session ends unless its client resumes; set while a client is away.
    public internal(set) var graceDeadline: Instant?
    /// The STT stream is open (V2 calls).
    public internal(set) var sttOpen: Bool

    init(sttOpen: Bool) {
        self.sttOpen = sttOpen
    }
}

/// What a server session holds only while a call is active (`ServerSession.State.active`), so
/// no reply, report or deadline can outlive the call it belongs to.
@usableFromInline package struct ActiveCall: Equatable, Sendable {
    /// The reply in progress.
    @usableFromInline package internal(set) var response: Response?
    /// Replies whose audio went out, oldest first, waiting for the client to say how much it
    /// played (`played` or `interrupt`); each holds an empty history line until then.
    package internal(set) var unconfirmed: [SentReply] = []
    /// When the session ends unless its client resumes; set while a client is away.
    package internal(set) var graceDeadline: Instant?
    /// The STT stream is open (V2 calls).
    package internal(set) var sttOpen: Bool

    init(sttOpen: Bool) {
        self.sttOpen = sttOpen
    }
}

/// The server's live sessions: how many run (for the concurrency limit), which ones a client
/// may resume (by the session id and resume token the core put in its welcome), and a way to
/// stop them all at shutdown.
final class SessionRegistry: Sendable {
    struct Entry: Sendable {
        let label: String
        let inbox: Inbox<ServerNote>
        /// Set once the core welcomed the client: what a resume must present.
        var credentials: (sessionID: UInt64, resumeToken: UInt64)?
    }

    private let state = Locked<(entries: [String: Entry], waiters: [CheckedContinuation<Void, Never>])>(([:], []))

    /// Adds a session if fewer than `limit` run; false when full.
    func reserve(label: String, inbox: Inbox<ServerNote>, limit: Int) -> Bool {
        state.withLock { state in
            guard state.entries.count < limit else { return false }
            state.entries[label] = Entry(label: label, inbox: inbox, credentials: nil)
            return true
        }
    }

    func welcomed(label: String, sessionID: UInt64, resumeToken: UInt64) {
        state.withLock { $0.entries[label]?.credentials = (sessionID, resumeToken) }
    }

    /// The session a resume names, if it is live and the token matches.
    func resumable(sessionID: UInt64, resumeToken: UInt64) -> Entry? {
        state.withLock { state in
            state.entries.values.first {
                $0.credentials?.sessionID == sessionID && $0.credentials?.resumeToken == resumeToken
            }
        }
    }

    func remove(label: String) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.entries.removeValue(forKey: label)
            guard state.entries.isEmpty else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    var count: Int { state.withLock { $0.entries.count } }

    /// Asks every session to stop, then waits until all have finished.
    func stopAll() async {
        let inboxes = state.withLock { $0.entries.values.map(\.inbox) }
        for inbox in inboxes { inbox.notify(.shutdown) }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let empty = state.withLock { state -> Bool in
                if state.entries.isEmpty { return true }
                state.waiters.append(done)
                return false
            }
            if empty { done.resume() }
        }
    }
}

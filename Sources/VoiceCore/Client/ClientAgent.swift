/// The browser side of a voice call as a sans-IO state machine.
///
/// Feed it what happened (`ClientEvent`) and the time; it answers with what to do
/// (`ClientAction`). It owns the mic sequence numbers, the 5 s replay buffer,
/// reconnect with backoff, the VAD that detects barge-in, and progressive playback.
/// The runtime promises: timers fire at most once per `setTimer` and never after
/// `cancelTimer`; after the agent's own `.disconnect` no `.disconnected` follows.
public struct ClientAgent: Sendable {
    package enum Connection: Equatable, Sendable {
        case idle
        /// Transport opening; `attempt` counts failures since the last welcome.
        case connecting(attempt: Int)
        /// Transport open, hello or resume sent, waiting for welcome.
        case handshaking(attempt: Int)
        case ready
        case waitingToRetry(attempt: Int)
        case failed
        case ended
    }

    public let config: ClientConfig
    package internal(set) var connection: Connection = .idle
    package internal(set) var shownState: ClientState = .idle
    package internal(set) var serverState: ConversationState = .listening
    package internal(set) var session: (id: UInt64, resumeToken: UInt64)?
    package internal(set) var nextSeq: UInt64 = 1
    package internal(set) var replay: ReplayBuffer
    package internal(set) var vad: EnergyVAD
    package internal(set) var playback = Playback()
    /// V1: the last seq of an utterance not yet committed to the server.
    package internal(set) var pendingCommitSeq: UInt64?
    /// The latest reports of what the user heard (`interrupt`, `played`), oldest first. Each is
    /// sent when made (if connected) and all are sent again after a resume, since one sent just
    /// before a connection broke may never have arrived; the server ignores repeats.
    package internal(set) var reports: [ClientMessage] = []
    /// End of the user's last speech, until the answer to it starts playing.
    package internal(set) var speechEndedAt: Instant?
    package internal(set) var lastReceivedAt = Instant.zero
    package internal(set) var pingNonce: UInt64 = 0
    package internal(set) var metrics = ClientMetrics()
    package internal(set) var random: PRNG
    /// Running digest of every action emitted.
    package internal(set) var digest = Digest64()
    package internal(set) var actionCount: UInt64 = 0

    public init(config: ClientConfig = ClientConfig(), seed: UInt64) {
        self.config = config
        replay = ReplayBuffer(capacityChunks: config.replayBufferChunks)
        vad = EnergyVAD(config: config.vad)
        random = PRNG(seed: seed)
    }
}

/// Progressive playback of response audio: chunks play back to back, each for its duration.
package struct Playback: Equatable, Sendable {
    package struct Queued: Equatable, Sendable {
        package let responseID: UInt32
        package let chunk: AudioChunk

        package init(responseID: UInt32, chunk: AudioChunk) {
            self.responseID = responseID
            self.chunk = chunk
        }
    }

    /// The response being played or waited for; nil when nothing is pending.
    package var active: UInt32?
    /// The server sent responseEnd for `active`.
    package var serverEnded = false
    package var queue = PlaybackQueue()
    /// The chunk playing now and when it started.
    package var current: (chunk: Queued, startedAt: Instant)?
    /// Audio of `active` fully played so far.
    package var playedMicros: Int64 = 0
    /// Since when `active` has had nothing playing (the `playbackIdle` timer runs from it).
    package var idleSince: Instant?
    /// Nothing of `active` has played for `ClientConfig.playbackIdleMicros`: not shown as speaking.
    package var idleExpired = false
    /// Responses with an id at or below this are ignored (interrupted or cancelled).
    package var discardedThrough: UInt32 = 0
    /// Responses the server cancelled while queued behind `active`, which plays on: ignored
    /// too, until `discardedThrough` passes them. At most `cancelledAheadMax`, oldest first.
    package var cancelledAhead: [UInt32] = []

    package static func == (lhs: Playback, rhs: Playback) -> Bool {
        lhs.active == rhs.active && lhs.serverEnded == rhs.serverEnded && lhs.queue == rhs.queue
            && lhs.current?.chunk == rhs.current?.chunk && lhs.current?.startedAt == rhs.current?.startedAt
            && lhs.playedMicros == rhs.playedMicros && lhs.discardedThrough == rhs.discardedThrough
            && lhs.cancelledAhead == rhs.cancelledAhead
            && lhs.idleSince == rhs.idleSince && lhs.idleExpired == rhs.idleExpired
    }
}

extension Playback {
    /// Cancelled replies remembered ahead of the one playing; each came after the one before,
    /// and the server keeps no more replies waiting for a report than this (`unconfirmedRepliesMax`).
    static let cancelledAheadMax = 8

    /// Audio, start or end of `responseID` is to be ignored.
    func isDiscarded(_ responseID: UInt32) -> Bool {
        responseID <= discardedThrough || cancelledAhead.contains(responseID)
    }

    /// Ignores every response up to `responseID` from now on.
    mutating func discard(through responseID: UInt32) {
        discardedThrough = max(discardedThrough, responseID)
        cancelledAhead.removeAll { $0 <= discardedThrough }
    }

    /// Ignores `responseID`, queued behind `active`, without cutting `active` short.
    mutating func discardAhead(_ responseID: UInt32) {
        guard !cancelledAhead.contains(responseID) else { return }
        cancelledAhead.append(responseID)
        if cancelledAhead.count > Playback.cancelledAheadMax { cancelledAhead.removeFirst() }
    }
}

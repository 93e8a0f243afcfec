import VoiceCore

/// Which timers of one machine are pending, as the runtime (the world) sees them: armed by
/// `setTimer`, disarmed by `cancelTimer` or by firing.
struct TimerLedger {
    private var pending: [Bool]
    private(set) var armedCount = 0
    private(set) var cancelledCount = 0

    init(count: Int) { pending = Array(repeating: false, count: count + 1) }

    /// Arms timer `id`; returns true when it was already pending (a re-arm).
    mutating func arm(_ id: Int) -> Bool {
        armedCount += 1
        defer { pending[id] = true }
        return pending[id]
    }

    mutating func cancel(_ id: Int) {
        if pending[id] { cancelledCount += 1 }
        pending[id] = false
    }

    mutating func fired(_ id: Int) { pending[id] = false }

    func isPending(_ id: Int) -> Bool { pending[id] }
}

extension ClientTimer {
    /// Timers whose deadline must never be replaced while pending: a keepalive or connect
    /// timeout pushed out hides a dead connection; a backoff re-armed skips its jitter.
    /// The playback chunk-end timer is armed once per chunk after the previous one fired; the
    /// idle timer once per silence, and cancelled when sound resumes.
    var mustNotRearm: Bool {
        switch self {
        case .reconnectBackoff, .connectTimeout, .keepalive, .playbackChunkEnd, .playbackIdle: true
        }
    }
}

extension ServerTimer {
    /// Timers whose deadline must never be replaced while pending. Re-arming `resumeGrace`
    /// lets every failed handshake extend a dead session; `sttKeepalive` is re-armed only
    /// after it fired. `llmTimeout` may be replaced: a retry restarts the first-token clock
    /// for its new attempt. `speculativeHold` may move with the stable partial it waits for.
    /// `llmRetry` is armed once per failed attempt, whose retry it waits for.
    var mustNotRearm: Bool {
        switch self {
        case .resumeGrace, .sttKeepalive, .llmRetry: true
        case .llmTimeout, .speculativeHold: false
        }
    }
}

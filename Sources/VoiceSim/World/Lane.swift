import VoiceCore

/// One simulated user's call: the two machines, the user, the links and providers between them.
struct Lane {
    let index: Int
    /// When the call starts (the client opens it) and when the caller hangs up.
    let callStart: Instant
    let callEnd: Instant
    var setup: LaneSetup
    var machines: LaneMachines
    var user: SimUser
    var uplink: Link
    var downlink: Link
    var stt: STTModel
    var llm: LLMModel
    var tts: TTSModel
    /// Id of the client's current connection attempt or connection; 0 when none.
    var connection: UInt32 = 0
    /// The connection the server side holds open; 0 when none.
    var serverConnection: UInt32 = 0
    /// The client's connection broke abruptly: nothing more arrives on it but the notice.
    var connectionDead = false
    var connectionsMade: UInt32 = 0
    /// Connections of this call the server has accepted (a later one is a reconnect).
    var connectionsOpened: UInt32 = 0
    var clientTimers = TimerTable(count: ClientTimer.allCases.count)
    var serverTimers = TimerTable(count: ServerTimer.allCases.count)
    var sttGeneration: UInt32 = 0
    /// Live LLM attempts: request id → generation; cancelled attempts are removed.
    var llmAttempts: [(requestID: UInt32, generation: UInt32)] = []
    var llmGeneration: UInt32 = 0
    var ttsCancelled: [UInt32] = []
    var responses: [UInt32: ResponseTimes] = [:]
    /// Per-reply counts for reports, in the order replies started.
    var responseRecords: [ResponseRecord] = []
    var clientErrors: [ClientErrorRecord] = []
    /// Cold-start waits of this lane's connections: from the handshake's arrival to the open.
    var coldStarts: [(from: Instant, to: Instant)] = []
    var turns: [TurnRecord] = []
    /// Utterances of the user already turned into `turns`.
    var utterancesLogged = 0
    var lastFinalTranscript: String?
    var playing: UInt32?
    var stoppedAt: (responseID: UInt32, at: Instant)?
    var playsAfterStop: [String] = []
    var micRunning = true
    /// Independent ledgers and checks of what the user experienced.
    var oracle: LaneOracle
}

extension Lane {
    /// The STT model's events for `command`. Inside the lane, the model and the user's
    /// timeline are two parts of one value, so the timeline is read in place, not copied.
    mutating func sttEvents(
        _ command: STTCommand, at now: Instant, faults: FaultSchedule
    ) -> [(at: Instant, event: STTEvent)] {
        stt.handle(command, at: now, speech: user.timeline, faults: faults)
    }
}

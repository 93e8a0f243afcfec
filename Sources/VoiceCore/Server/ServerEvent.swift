/// Timers the session server may set; each id has at most one pending deadline.
public enum ServerTimer: UInt8, Equatable, Sendable, CaseIterable {
    /// The client is gone; end the session when this fires.
    case resumeGrace = 1
    /// The latest partial has held long enough to start the LLM speculatively.
    case speculativeHold = 2
    case sttKeepalive = 3
    /// The LLM has not produced its first token in time.
    case llmTimeout = 4
    /// The backoff after a failed LLM attempt is over: start the next attempt.
    case llmRetry = 5
}

/// The session manager's answer to `requestAdmission`.
public enum Admission: Equatable, Sendable {
    case granted
    case refused(reason: String)
}

/// Facts the session server (the `/api/voice-v2` edge function) learns.
public enum ServerEvent: Equatable, Sendable {
    case clientConnected
    case clientDisconnected
    case received(ClientMessage)
    case admission(Admission)
    case stt(STTEvent)
    case llm(LLMEvent)
    case tts(TTSEvent)
    case timerFired(ServerTimer)
}

/// Commands the session server asks its runtime to carry out.
public enum ServerAction: Equatable, Sendable {
    case send(ServerMessage)
    /// Close the client connection.
    case closeConnection
    /// Ask the session manager whether `userID` may start a call.
    case requestAdmission(userID: String, pipeline: Pipeline)
    case stt(STTCommand)
    case llm(LLMCommand)
    case tts(TTSCommand)
    case setTimer(ServerTimer, at: Instant)
    case cancelTimer(ServerTimer)
    /// The session is over; the runtime hands `usage` to the session manager.
    ///
    /// Boxed: the usage is 152 bytes and comes once a session, where every other action fits in
    /// 40. Inline, it made every action 152 bytes, copied and destroyed through the type's
    /// metadata on every step.
    indirect case sessionEnded(usage: SessionUsage)
}

import VoiceCore

/// Everything the world loop schedules. Connection-bound deliveries carry the
/// connection id they were sent on, and provider events the stream generation,
/// so traffic from a connection or stream that has since died is dropped.
enum SimEvent {
    /// The mic of lane `lane` completes a 100 ms chunk.
    case micTick(lane: Int)
    case toClient(lane: Int, connection: UInt32, ClientEvent)
    case toServer(lane: Int, connection: UInt32, ServerEvent)
    case clientTimer(lane: Int, ClientTimer, generation: UInt32)
    case serverTimer(lane: Int, ServerTimer, generation: UInt32)
    /// A connection attempt reaches the (possibly cold) server and opens.
    case connectionOpens(lane: Int, connection: UInt32)
    /// A fault breaks the open connection, if any.
    case connectionBreaks(lane: Int)
    case stt(lane: Int, generation: UInt32, STTEvent)
    case llm(lane: Int, generation: UInt32, LLMEvent)
    case tts(lane: Int, TTSEvent)
    /// The scripted call is over: the user hangs up.
    case hangUp(lane: Int)
}

/// Connection id 0 means "not bound to a connection".
let unbound: UInt32 = 0

/// One turn of a live call as the caller experienced it.
public struct CallTurn: Equatable, Sendable {
    /// What the caller said (from `--say` or the WAV's transcript), when known.
    public var said: String?
    /// What speech-to-text heard: the server's final transcript.
    public var heard: String
    /// The assistant's answer as text: what the server sent to text-to-speech for the response
    /// that played in this turn (its captions); nil when no answer played or none was captioned.
    public var answer: String?
    /// The answer as the caller heard it: what was played, transcribed by pocketsphinx
    /// (`AnswerTranscriber`); nil when not transcribed.
    public var heardBack: String?
    /// End of the caller's speech (client VAD) → first answer audio played.
    public var voiceToVoiceMillis: Int64?
    public var responseID: UInt32?
    /// Answer audio played (cut short by a barge-in or not).
    public var playedMillis: Int64 = 0
    public var interrupted = false
    /// When the answer's first audio played, on the call's timeline (nil: nothing played).
    public var playbackStartMillis: Int64?
}

/// What `voicesim call` reports.
public struct CallReport: Sendable {
    public var turns: [CallTurn]
    public var reconnectAttempts: UInt32
    public var resumes: UInt32
    public var sessionRestarts: UInt32
    public var bargeIns: UInt32
    /// Every voice to voice the agent measured (`ClientMetrics.voiceToVoiceMicros`), in order.
    public var voiceToVoiceMicros: [Int64] = []
    /// Mic audio that fell out of the 5 s replay buffer before the server acknowledged it.
    public var lostAudioMillis: Int64
    public var chunksReplayed: UInt64
    /// What the client played, on the call's timeline (16 kHz).
    public var heardAudio: [Int16]
    public var finalState: String
    /// The server welcomed the call at least once (a session existed).
    public var welcomed: Bool
    public var durationMillis: Int64
    /// Errors the server sent (code and message), in order.
    public var serverErrors: [String]
    /// The client lane's final digest (what replay must reach).
    public var finalDigest: UInt64
    /// Where the client's trace went, if recorded.
    public var trace: (path: String, session: Int64)?
}

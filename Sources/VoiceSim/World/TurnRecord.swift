import VoiceCore

/// One user turn as the simulation saw it, from ground truth to first sound heard.
public struct TurnRecord: Equatable, Sendable {
    public var lane: Int
    /// What the simulated user said (ground truth).
    public var userText: String
    /// The final transcript the server committed for it, if any.
    public var heardText: String?
    /// End of the user's last word (ground truth).
    public var speechEndAt: Instant
    public var responseID: UInt32?
    public var llmStartAt: Instant?
    public var firstTokenAt: Instant?
    public var firstTTSAudioAt: Instant?
    public var firstPlayAt: Instant?
    public var interrupted = false
    /// Of speech end → LLM start, the time spent waiting for a cold server to open the connection.
    public var coldStartMicros: Int64 = 0

    public var voiceToVoiceMicros: Int64? { firstPlayAt.map { $0.micros(since: speechEndAt) } }
    /// Speech end → the LLM request that produced the answer (transcription, endpointing, hold),
    /// less the cold start, which is its own component.
    public var sttMicros: Int64? { llmStartAt.map { $0.micros(since: speechEndAt) - coldStartMicros } }
    public var llmFirstTokenMicros: Int64? { interval(llmStartAt, firstTokenAt) }
    public var ttsFirstAudioMicros: Int64? { interval(firstTokenAt, firstTTSAudioAt) }

    private func interval(_ from: Instant?, _ to: Instant?) -> Int64? {
        guard let from, let to else { return nil }
        return to.micros(since: from)
    }
}

/// Per-response timestamps taken from server actions, joined to turns when the answer plays.
struct ResponseTimes {
    var llmStartAt: Instant?
    var firstTokenAt: Instant?
    var firstTTSAudioAt: Instant?
}

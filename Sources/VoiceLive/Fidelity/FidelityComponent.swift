/// A part of voice-to-voice latency that the simulation and a live run measure the same
/// way: from the session server's inputs and commands alone (`FidelityLaneMeter`), so
/// neither side is timed by a clock the other lacks.
///
/// "Speech end" on the server is the arrival of the mic chunk holding the utterance's last
/// voiced 20 ms frame (energy at or above the client VAD's threshold), less the frames of
/// that chunk after it: the moment the end of speech reached the server.
public enum FidelityComponent: CaseIterable, Sendable {
    /// Speech end → the final transcript from STT.
    case sttFinal
    /// Speech end → the LLM request that answered the turn (a speculative start on a stable
    /// partial, or the start on the final).
    case llmStart
    /// An LLM request → its first token (every request that got one).
    case llmFirstToken
    /// A response's first text to TTS → its first audio.
    case ttsFirstAudio
    /// Speech end → the first reply audio sent to the client: the server's share of
    /// voice-to-voice (network and playback are the rest).
    case firstReplyAudio

    /// The JSON key (milliseconds).
    public var key: String {
        switch self {
        case .sttFinal: "sttFinalAfterSpeechEndMs"
        case .llmStart: "llmStartAfterSpeechEndMs"
        case .llmFirstToken: "llmFirstTokenMs"
        case .ttsFirstAudio: "ttsFirstAudioMs"
        case .firstReplyAudio: "firstReplyAudioSentMs"
        }
    }

    /// The row label of the text table.
    public var label: String {
        switch self {
        case .sttFinal: "STT final after speech end"
        case .llmStart: "LLM start after speech end"
        case .llmFirstToken: "LLM first token"
        case .ttsFirstAudio: "TTS first audio"
        case .firstReplyAudio: "first reply audio sent"
        }
    }
}

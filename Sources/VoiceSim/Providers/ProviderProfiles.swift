/// The calibration of all three simulated providers for one scenario.
public struct ProviderProfiles: Equatable, Sendable {
    public var stt: STTProfile
    public var llm: LLMProfile
    public var tts: TTSProfile

    public init(stt: STTProfile = STTProfile(), llm: LLMProfile = LLMProfile(), tts: TTSProfile = TTSProfile()) {
        self.stt = stt
        self.llm = llm
        self.tts = tts
    }
}

import ProviderWire

/// What the adapters ask the providers for, apart from where they are.
public struct ProviderSettings: Equatable, Sendable {
    /// Deepgram model (`nova-3`), endpointing and utterance-end gaps.
    public var deepgramModel: String
    public var endpointingMillis: Int
    public var utteranceEndMillis: Int
    public var anthropicModel: String
    public var maxTokens: Int
    public var systemPrompt: String
    public var elevenLabsVoiceID: String
    public var elevenLabsModelID: String
    /// Largest WebSocket frame the adapters accept (1 MiB, as the core's `WireFrame`).
    public var maxFrameBytes: Int

    public init(
        deepgramModel: String = "nova-3", endpointingMillis: Int = 300, utteranceEndMillis: Int = 1_000,
        anthropicModel: String = "claude-haiku-4-5", maxTokens: Int = 300,
        systemPrompt: String = ProviderSettings.voiceSystemPrompt,
        elevenLabsVoiceID: String = "21m00Tcm4TlvDq8ikWAM", elevenLabsModelID: String = "eleven_flash_v2_5",
        maxFrameBytes: Int = 1 << 20
    ) {
        self.deepgramModel = deepgramModel
        self.endpointingMillis = endpointingMillis
        self.utteranceEndMillis = utteranceEndMillis
        self.anthropicModel = anthropicModel
        self.maxTokens = maxTokens
        self.systemPrompt = systemPrompt
        self.elevenLabsVoiceID = elevenLabsVoiceID
        self.elevenLabsModelID = elevenLabsModelID
        self.maxFrameBytes = maxFrameBytes
    }

    public static let voiceSystemPrompt =
        "You are a voice assistant on a phone call. Answer in one to three short spoken sentences: no lists, no markdown."

    /// The Deepgram query for a session with `keyterms`.
    func deepgramOptions(keyterms: [String], tag: String) -> DeepgramStreamOptions {
        DeepgramStreamOptions(
            model: deepgramModel, endpointingMillis: endpointingMillis, utteranceEndMillis: utteranceEndMillis,
            keyterms: keyterms, tag: tag)
    }
}

/// A message a client sends on an ElevenLabs stream-input socket (text frames).
///
/// The first message opens the stream (BOS, text `" "` with settings); text chunks should
/// end with a space (`ElevenLabsTextChunker` cuts them so); `flush` makes ElevenLabs speak
/// what it buffered; EOS (text `""`) ends the stream, after which ElevenLabs sends the last
/// audio, `isFinal` and closes.
public enum ElevenLabsClientMessage: Equatable, Sendable {
    case beginOfStream(ElevenLabsVoiceSettings)
    case text(String, flush: Bool)
    case endOfStream
}

/// The settings a BOS carries.
public struct ElevenLabsVoiceSettings: Equatable, Sendable {
    public var stability: Double
    public var similarityBoost: Double
    /// Characters ElevenLabs buffers before each generation, growing per generation.
    public var chunkLengthSchedule: [Int]

    public init(stability: Double = 0.5, similarityBoost: Double = 0.8, chunkLengthSchedule: [Int] = [120, 160, 250, 290]) {
        self.stability = stability
        self.similarityBoost = similarityBoost
        self.chunkLengthSchedule = chunkLengthSchedule
    }
}

extension ElevenLabsClientMessage {
    /// The flush message: a space with `flush: true`.
    public static let flush = ElevenLabsClientMessage.text(" ", flush: true)

    /// The text frame.
    public var encoded: String {
        switch self {
        case .beginOfStream(let settings):
            return WireJSON.encode(
                Wire(
                    text: " ",
                    voiceSettings: VoiceSettingsWire(stability: settings.stability, similarityBoost: settings.similarityBoost),
                    generationConfig: GenerationConfigWire(chunkLengthSchedule: settings.chunkLengthSchedule)))
        case .text(let text, let flush):
            return WireJSON.encode(Wire(text: text, flush: flush ? true : nil))
        case .endOfStream:
            return WireJSON.encode(Wire(text: ""))
        }
    }

    /// Reads a client's text frame; `isFirst` marks the stream's first message, the BOS.
    public init(decoding text: String, isFirst: Bool) throws(ProviderWireError) {
        let wire = try WireJSON.decode(Wire.self, from: text, provider: .elevenlabs, what: isFirst ? "BOS message" : "text message")
        if isFirst {
            guard wire.text == " " else {
                throw ProviderWireError(.elevenlabs, "BOS message: field `text` must be a single space, got `\(wire.text)`")
            }
            let defaults = ElevenLabsVoiceSettings()
            self = .beginOfStream(
                ElevenLabsVoiceSettings(
                    stability: wire.voiceSettings?.stability ?? defaults.stability,
                    similarityBoost: wire.voiceSettings?.similarityBoost ?? defaults.similarityBoost,
                    chunkLengthSchedule: wire.generationConfig?.chunkLengthSchedule ?? defaults.chunkLengthSchedule))
        } else if wire.text.isEmpty {
            self = .endOfStream
        } else {
            self = .text(wire.text, flush: wire.flush ?? false)
        }
    }

    private struct Wire: Codable {
        var text: String
        var flush: Bool?
        var voiceSettings: VoiceSettingsWire?
        var generationConfig: GenerationConfigWire?
        var tryTriggerGeneration: Bool?

        init(text: String, flush: Bool? = nil, voiceSettings: VoiceSettingsWire? = nil,
             generationConfig: GenerationConfigWire? = nil) {
            self.text = text
            self.flush = flush
            self.voiceSettings = voiceSettings
            self.generationConfig = generationConfig
        }

        enum CodingKeys: String, CodingKey {
            case text, flush
            case voiceSettings = "voice_settings"
            case generationConfig = "generation_config"
            case tryTriggerGeneration = "try_trigger_generation"
        }
    }

    private struct VoiceSettingsWire: Codable {
        var stability: Double?
        var similarityBoost: Double?

        enum CodingKeys: String, CodingKey {
            case stability
            case similarityBoost = "similarity_boost"
        }
    }

    private struct GenerationConfigWire: Codable {
        var chunkLengthSchedule: [Int]?

        enum CodingKeys: String, CodingKey {
            case chunkLengthSchedule = "chunk_length_schedule"
        }
    }
}

import Foundation

/// A message ElevenLabs sends on a stream-input socket.
public enum ElevenLabsServerMessage: Equatable, Sendable {
    /// PCM16 samples (base64 `audio` decoded) and the alignment of the characters they speak
    /// (`normalizedAlignment`, else `alignment`; nil when the message had neither).
    case audio(samples: [Int16], alignment: ElevenLabsAlignment?)
    /// The stream is complete (`isFinal: true`); ElevenLabs closes after it.
    case final
    /// An error report (`error` or `message` without audio).
    case error(String)
}

/// Which characters a chunk of audio speaks and when, relative to the chunk's start.
public struct ElevenLabsAlignment: Equatable, Sendable {
    /// One string per character (a grapheme, as ElevenLabs sends them).
    public var chars: [String]
    public var charStartTimesMs: [Int]
    public var charDurationsMs: [Int]

    public init(chars: [String], charStartTimesMs: [Int], charDurationsMs: [Int]) {
        self.chars = chars
        self.charStartTimesMs = charStartTimesMs
        self.charDurationsMs = charDurationsMs
    }

    /// UTF-8 bytes of the characters.
    public var utf8Count: Int { chars.reduce(0) { $0 + $1.utf8.count } }
}

extension ElevenLabsServerMessage {
    /// Decodes a text frame from ElevenLabs. Both spellings of the alignment's time keys
    /// seen in the wild are accepted (`charStartTimesMs`/`charsStartTimesMs`,
    /// `charDurationsMs`/`charsDurationsMs`); their arrays must be as long as `chars`.
    public init(decoding text: String) throws(ProviderWireError) {
        let wire = try WireJSON.decode(Wire.self, from: text, provider: .elevenlabs, what: "server message")
        if let audio = wire.audio {
            guard let bytes = Data(base64Encoded: audio) else {
                throw ProviderWireError(.elevenlabs, "server message: field `audio` is not base64")
            }
            let samples = try PCM16LE.samples(bytes, provider: .elevenlabs)
            self = .audio(samples: samples, alignment: wire.normalizedAlignment ?? wire.alignment)
        } else if wire.isFinal == true {
            self = .final
        } else if let error = wire.error ?? wire.message {
            self = .error(error)
        } else {
            throw ProviderWireError(.elevenlabs, "server message has no `audio`, `isFinal` or `error`")
        }
    }

    /// The text frame ElevenLabs sends for this message (alignment as both `alignment`
    /// and `normalizedAlignment`, as the service does for plain text).
    public var encoded: String {
        switch self {
        case .audio(let samples, let alignment):
            let audio = Data(PCM16LE.bytes(samples)).base64EncodedString()
            return WireJSON.encode(Wire(audio: audio, normalizedAlignment: alignment, alignment: alignment))
        case .final:
            return WireJSON.encode(Wire(isFinal: true))
        case .error(let message):
            return WireJSON.encode(Wire(error: message, message: message))
        }
    }

    private struct Wire: Codable {
        var audio: String?
        var isFinal: Bool?
        var normalizedAlignment: ElevenLabsAlignment?
        var alignment: ElevenLabsAlignment?
        var error: String?
        var message: String?

        init(audio: String? = nil, isFinal: Bool? = nil, normalizedAlignment: ElevenLabsAlignment? = nil,
             alignment: ElevenLabsAlignment? = nil, error: String? = nil, message: String? = nil) {
            self.audio = audio
            self.isFinal = isFinal
            self.normalizedAlignment = normalizedAlignment
            self.alignment = alignment
            self.error = error
            self.message = message
        }
    }
}

extension ElevenLabsAlignment: Codable {
    static let startKeys = ["charStartTimesMs", "charsStartTimesMs"]
    static let durationKeys = ["charDurationsMs", "charsDurationsMs"]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        chars = try container.decode([String].self, forKey: DynamicKey("chars"))
        charStartTimesMs = try Self.decodeTimes(container, Self.startKeys)
        charDurationsMs = try Self.decodeTimes(container, Self.durationKeys)
        for (key, count) in [("start times", charStartTimesMs.count), ("durations", charDurationsMs.count)]
        where count != chars.count {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "\(count) \(key) for \(chars.count) chars"))
        }
    }

    private static func decodeTimes(_ container: KeyedDecodingContainer<DynamicKey>, _ keys: [String]) throws -> [Int] {
        for key in keys where container.contains(DynamicKey(key)) {
            return try container.decode([Int].self, forKey: DynamicKey(key))
        }
        throw DecodingError.keyNotFound(
            DynamicKey(keys[0]),
            .init(codingPath: container.codingPath, debugDescription: "neither \(keys.joined(separator: " nor "))"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(chars, forKey: DynamicKey("chars"))
        try container.encode(charStartTimesMs, forKey: DynamicKey(Self.startKeys[0]))
        try container.encode(charDurationsMs, forKey: DynamicKey(Self.durationKeys[0]))
    }
}

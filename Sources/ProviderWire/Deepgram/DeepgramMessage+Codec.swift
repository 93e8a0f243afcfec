extension DeepgramMessage {
    /// Decodes a text frame from Deepgram.
    public init(decoding text: String) throws(ProviderWireError) {
        let bytes = Array(text.utf8)
        let head = try WireJSON.decode(TypeOnly.self, from: bytes, provider: .deepgram, what: "message")
        switch head.type {
        case "Results":
            let wire = try WireJSON.decode(ResultsWire.self, from: bytes, provider: .deepgram, what: "Results message")
            let best = wire.channel.alternatives.first
            self = .results(
                DeepgramResults(
                    start: wire.start, duration: wire.duration, isFinal: wire.isFinal ?? false,
                    speechFinal: wire.speechFinal ?? false, fromFinalize: wire.fromFinalize ?? false,
                    transcript: best?.transcript ?? "", confidence: best?.confidence ?? 0,
                    words: best?.words ?? [], requestID: wire.metadata?.requestID))
        case "UtteranceEnd":
            let wire = try WireJSON.decode(
                UtteranceEndWire.self, from: bytes, provider: .deepgram, what: "UtteranceEnd message")
            self = .utteranceEnd(lastWordEnd: wire.lastWordEnd)
        case "SpeechStarted":
            let wire = try WireJSON.decode(
                SpeechStartedWire.self, from: bytes, provider: .deepgram, what: "SpeechStarted message")
            self = .speechStarted(timestamp: wire.timestamp)
        case "Metadata":
            self = .metadata(
                try WireJSON.decode(DeepgramMetadata.self, from: bytes, provider: .deepgram, what: "Metadata message"))
        case "Error":
            let wire = try WireJSON.decode(ErrorWire.self, from: bytes, provider: .deepgram, what: "Error message")
            self = .error(description: wire.description ?? wire.message ?? "(no description)", variant: wire.variant)
        default:
            self = .unknown(type: head.type)
        }
    }

    /// The text frame a Deepgram server sends for this message.
    public var encoded: String {
        switch self {
        case .results(let results):
            let alternative = AlternativeWire(
                transcript: results.transcript, confidence: results.confidence, words: results.words)
            return WireJSON.encode(
                ResultsWire(
                    type: "Results", channelIndex: [0, 1], start: results.start, duration: results.duration,
                    isFinal: results.isFinal, speechFinal: results.speechFinal, fromFinalize: results.fromFinalize,
                    channel: ChannelWire(alternatives: [alternative]),
                    metadata: results.requestID.map { ResultsMetadataWire(requestID: $0) }))
        case .utteranceEnd(let lastWordEnd):
            return WireJSON.encode(UtteranceEndWire(type: "UtteranceEnd", channel: [0, 1], lastWordEnd: lastWordEnd))
        case .speechStarted(let timestamp):
            return WireJSON.encode(SpeechStartedWire(type: "SpeechStarted", channel: [0], timestamp: timestamp))
        case .metadata(let metadata):
            return WireJSON.encode(MetadataWire(type: "Metadata", metadata: metadata))
        case .error(let description, let variant):
            return WireJSON.encode(
                ErrorWire(type: "Error", description: description, message: description, variant: variant))
        case .unknown(let type):
            return WireJSON.encode(TypeOnly(type: type))
        }
    }
}

private struct TypeOnly: Codable {
    var type: String
}

private struct ResultsWire: Codable {
    var type: String
    var channelIndex: [Int]?
    var start: Double
    var duration: Double
    var isFinal: Bool?
    var speechFinal: Bool?
    var fromFinalize: Bool?
    var channel: ChannelWire
    var metadata: ResultsMetadataWire?

    enum CodingKeys: String, CodingKey {
        case type, start, duration, channel, metadata
        case channelIndex = "channel_index"
        case isFinal = "is_final"
        case speechFinal = "speech_final"
        case fromFinalize = "from_finalize"
    }
}

private struct ChannelWire: Codable {
    var alternatives: [AlternativeWire]
}

private struct AlternativeWire: Codable {
    var transcript: String
    var confidence: Double?
    var words: [DeepgramWord]?
}

private struct ResultsMetadataWire: Codable {
    var requestID: String?

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
    }
}

private struct UtteranceEndWire: Codable {
    var type: String
    var channel: [Int]?
    var lastWordEnd: Double

    enum CodingKeys: String, CodingKey {
        case type, channel
        case lastWordEnd = "last_word_end"
    }
}

private struct SpeechStartedWire: Codable {
    var type: String
    var channel: [Int]?
    var timestamp: Double
}

private struct ErrorWire: Codable {
    var type: String
    var description: String?
    var message: String?
    var variant: String?
}

/// `Metadata` with its `type`: the fields of `DeepgramMetadata` at the top level.
private struct MetadataWire: Encodable {
    var type: String
    var metadata: DeepgramMetadata

    func encode(to encoder: any Encoder) throws {
        try metadata.encode(to: encoder)
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(type, forKey: DynamicKey("type"))
    }
}

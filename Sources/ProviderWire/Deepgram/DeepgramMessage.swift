/// A message Deepgram sends on a live stream (text frames), decoded or to encode.
///
/// Times are seconds of stream audio, as on the wire. Types Deepgram may add later decode
/// as `.unknown` and are ignored; a message without a `type`, or with a known type and a
/// bad field, throws.
public enum DeepgramMessage: Equatable, Sendable {
    case results(DeepgramResults)
    /// No word for `utterance_end_ms` after the last one (`last_word_end`, seconds).
    case utteranceEnd(lastWordEnd: Double)
    /// Voice activity began (`timestamp`, seconds); sent with `vad_events=true`.
    case speechStarted(timestamp: Double)
    /// The stream's summary, sent before Deepgram closes after `CloseStream`.
    case metadata(DeepgramMetadata)
    /// An error report; the stream closes after it.
    case error(description: String, variant: String?)
    case unknown(type: String)
}

/// One transcription result: an interim guess, or a final segment of an utterance.
public struct DeepgramResults: Equatable, Sendable {
    public var start: Double
    public var duration: Double
    /// The segment will not change; the utterance is the concatenation of final segments.
    public var isFinal: Bool
    /// Endpointing heard the speaker stop: this final segment ends the utterance.
    public var speechFinal: Bool
    public var fromFinalize: Bool
    /// The first alternative's transcript ("" when nothing was heard).
    public var transcript: String
    public var confidence: Double
    public var words: [DeepgramWord]
    public var requestID: String?

    public init(
        start: Double, duration: Double, isFinal: Bool, speechFinal: Bool, fromFinalize: Bool = false,
        transcript: String, confidence: Double = 1, words: [DeepgramWord] = [], requestID: String? = nil
    ) {
        self.start = start
        self.duration = duration
        self.isFinal = isFinal
        self.speechFinal = speechFinal
        self.fromFinalize = fromFinalize
        self.transcript = transcript
        self.confidence = confidence
        self.words = words
        self.requestID = requestID
    }
}

/// A word of a result, with its place in the stream's audio.
public struct DeepgramWord: Codable, Equatable, Sendable {
    public var word: String
    public var start: Double
    public var end: Double
    public var confidence: Double

    public init(word: String, start: Double, end: Double, confidence: Double = 1) {
        self.word = word
        self.start = start
        self.end = end
        self.confidence = confidence
    }
}

/// What Deepgram says about the whole stream when it ends.
public struct DeepgramMetadata: Codable, Equatable, Sendable {
    public var requestID: String
    public var created: String?
    /// Seconds of audio received.
    public var duration: Double?
    public var channels: Int?

    public init(requestID: String, created: String? = nil, duration: Double? = nil, channels: Int? = nil) {
        self.requestID = requestID
        self.created = created
        self.duration = duration
        self.channels = channels
    }

    enum CodingKeys: String, CodingKey {
        case requestID = "request_id"
        case created, duration, channels
    }
}

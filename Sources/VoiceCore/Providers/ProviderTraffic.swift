/// A line of conversation history sent to the LLM.
public struct ConversationTurn: Equatable, Sendable {
    public enum Role: UInt8, Sendable { case user = 1, assistant = 2 }

    public var role: Role
    public var text: String

    public init(role: Role, text: String) {
        self.role = role
        self.text = text
    }
}

/// Commands from the session server to the speech-to-text provider.
public enum STTCommand: Equatable, Sendable {
    /// V2: open the streaming connection.
    case open
    /// V2: stream one mic chunk.
    case audio(seq: UInt64, chunk: AudioChunk)
    /// V2: keeps an idle stream open (providers close silent streams after ~10 s).
    case keepalive
    case close
    /// V1: transcribe a whole recorded utterance (REST), chunks `firstSeq...lastSeq`.
    case transcribe(requestID: UInt32, firstSeq: UInt64, lastSeq: UInt64)
}

/// What the speech-to-text provider reports.
public enum STTEvent: Equatable, Sendable {
    case opened
    case partial(String)
    case final(String)
    /// Endpointing: the provider heard the speaker stop.
    case speechEnded
    /// The stream closed; `error` is nil for a clean close.
    case closed(error: String?)
    /// V1: the REST transcription result.
    case transcript(requestID: UInt32, text: String)
    /// V1: the REST request failed.
    case failed(requestID: UInt32, reason: String)
}

/// Commands to the LLM.
public enum LLMCommand: Equatable, Sendable {
    /// Start a reply to `history`; `stream` is false for V1 (whole reply at once).
    case start(requestID: UInt32, history: [ConversationTurn], stream: Bool)
    case cancel(requestID: UInt32)
}

/// What the LLM reports.
public enum LLMEvent: Equatable, Sendable {
    case token(requestID: UInt32, text: String)
    case done(requestID: UInt32, inputTokens: UInt32, outputTokens: UInt32)
    case failed(requestID: UInt32, reason: String)
}

/// Commands to text-to-speech.
public enum TTSCommand: Equatable, Sendable {
    /// V2: open a streaming synthesis for response `responseID`.
    case start(responseID: UInt32)
    /// V2: more text, sent as soon as the LLM produces it.
    case text(responseID: UInt32, text: String)
    /// V2: no more text is coming; synthesise the rest.
    case flush(responseID: UInt32)
    case cancel(responseID: UInt32)
    /// V1: synthesise a whole reply.
    case synthesize(responseID: UInt32, text: String)
}

/// What text-to-speech reports.
public enum TTSEvent: Equatable, Sendable {
    /// Audio for the response; by its end, the first `textEnd` characters (UTF-8 bytes)
    /// of the text sent so far have been spoken (providers' alignment data).
    case audio(responseID: UInt32, chunk: AudioChunk, textEnd: UInt32)
    case done(responseID: UInt32)
    case failed(responseID: UInt32, reason: String)
}

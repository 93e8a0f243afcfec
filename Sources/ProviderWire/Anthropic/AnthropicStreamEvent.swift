/// An event of a streaming Messages response, decoded from or encoded to SSE.
///
/// Event types the API may add later, and deltas other than text (tool input, thinking),
/// decode as `.unknown` / `.otherDelta` and are ignored.
public enum AnthropicStreamEvent: Equatable, Sendable {
    /// The message began; `inputTokens` is the prompt's billed size.
    case messageStart(id: String, model: String, inputTokens: UInt32, outputTokens: UInt32)
    case contentBlockStart(index: Int)
    case ping
    /// A piece of the reply's text.
    case textDelta(index: Int, text: String)
    case otherDelta(index: Int, type: String)
    case contentBlockStop(index: Int)
    /// The message is complete: why it stopped and its output tokens so far (cumulative).
    case messageDelta(stopReason: String?, outputTokens: UInt32)
    case messageStop
    /// An error inside a 200 response (e.g. `overloaded_error`); the stream ends after it.
    case error(AnthropicError)
    case unknown(name: String)
}

/// The API's error object: `{"type":"error","error":{"type":…,"message":…}}`, the body of
/// an HTTP error and the data of a mid-stream `error` event.
public struct AnthropicError: Equatable, Sendable, Codable {
    /// E.g. `overloaded_error`, `rate_limit_error`, `api_error`.
    public var type: String
    public var message: String

    public init(type: String, message: String) {
        self.type = type
        self.message = message
    }
}

extension AnthropicError {
    /// The HTTP error body.
    public var body: String { WireJSON.encode(Envelope(type: "error", error: self)) }

    /// Reads an HTTP error body; nil when it is not the API's error object (a proxy's page).
    public init?(body: some Collection<UInt8>) {
        guard let envelope = try? WireJSON.decode(Envelope.self, from: body, provider: .anthropic, what: "error body")
        else { return nil }
        self = envelope.error
    }

    struct Envelope: Codable {
        var type: String
        var error: AnthropicError
    }
}

import VoiceCore

/// Turns one streaming Messages response into the core's `LLMEvent`s for request
/// `requestID`.
///
/// `text_delta` → `.token`; `message_stop` → `.done` with the input tokens of
/// `message_start` and the output tokens of the last `message_delta` (they are cumulative);
/// a mid-stream `error`, an HTTP error or a stream that ends before `message_stop` →
/// `.failed`, whose reason names the status or error type. Nothing follows `.done` or
/// `.failed`. Retrying is the core's decision, not the assembler's.
public struct AnthropicStreamAssembler: Equatable, Sendable {
    public let requestID: UInt32
    public private(set) var inputTokens: UInt32
    public private(set) var outputTokens: UInt32
    public private(set) var isFinished: Bool
    /// The `id` of the message (`msg_…`), once `message_start` arrived: the request id logs name.
    public private(set) var messageID: String?

    public init(requestID: UInt32) {
        self.requestID = requestID
        inputTokens = 0
        outputTokens = 0
        isFinished = false
        messageID = nil
    }
}

extension AnthropicStreamAssembler {
    /// The events one stream event causes.
    public mutating func consume(_ event: AnthropicStreamEvent) -> [LLMEvent] {
        guard !isFinished else { return [] }
        switch event {
        case .messageStart(let id, _, let input, let output):
            messageID = id
            inputTokens = input
            outputTokens = output
            return []
        case .textDelta(_, let text):
            return text.isEmpty ? [] : [.token(requestID: requestID, text: text)]
        case .messageDelta(_, let output):
            outputTokens = output
            return []
        case .messageStop:
            isFinished = true
            return [.done(requestID: requestID, inputTokens: inputTokens, outputTokens: outputTokens)]
        case .error(let error):
            return fail("anthropic: mid-stream \(error.type): \(error.message)")
        case .contentBlockStart, .ping, .otherDelta, .contentBlockStop, .unknown:
            return []
        }
    }

    /// The response body ended (or the connection broke, `error` saying how).
    public mutating func endOfStream(error: String? = nil) -> [LLMEvent] {
        guard !isFinished else { return [] }
        return fail("anthropic: stream ended before message_stop" + (error.map { " (\($0))" } ?? ""))
    }

    /// The response was an HTTP error (429 rate limited, 529 overloaded, …) with `body`.
    public mutating func httpFailure(status: Int, body: some Collection<UInt8>) -> [LLMEvent] {
        guard !isFinished else { return [] }
        let detail = AnthropicError(body: body).map { " \($0.type): \($0.message)" } ?? ""
        return fail("anthropic: HTTP \(status)\(detail)")
    }

    /// The request got no response (connection refused, TLS failure, timeout).
    public mutating func requestFailed(_ detail: String) -> [LLMEvent] {
        guard !isFinished else { return [] }
        return fail("anthropic: request failed: \(detail)")
    }

    /// The stream could not be read (a broken event); the request is over.
    public mutating func malformed(_ error: ProviderWireError) -> [LLMEvent] {
        guard !isFinished else { return [] }
        return fail("\(error)")
    }

    private mutating func fail(_ reason: String) -> [LLMEvent] {
        isFinished = true
        return [.failed(requestID: requestID, reason: reason)]
    }
}

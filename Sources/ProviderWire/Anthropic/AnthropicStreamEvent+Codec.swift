extension AnthropicStreamEvent {
    /// Decodes one server-sent event. The data's `type` decides; an event without a `type`
    /// or with a bad field of a known type throws.
    public init(decoding event: SSEEvent) throws(ProviderWireError) {
        let bytes = Array(event.data.utf8)
        let what = "\(event.name ?? "message") event"
        let head = try WireJSON.decode(TypeOnly.self, from: bytes, provider: .anthropic, what: what)
        switch head.type {
        case "message_start":
            let wire = try WireJSON.decode(MessageStartWire.self, from: bytes, provider: .anthropic, what: what)
            self = .messageStart(
                id: wire.message.id, model: wire.message.model, inputTokens: wire.message.usage.inputTokens ?? 0,
                outputTokens: wire.message.usage.outputTokens ?? 0)
        case "content_block_start":
            let wire = try WireJSON.decode(IndexWire.self, from: bytes, provider: .anthropic, what: what)
            self = .contentBlockStart(index: wire.index)
        case "ping":
            self = .ping
        case "content_block_delta":
            let wire = try WireJSON.decode(BlockDeltaWire.self, from: bytes, provider: .anthropic, what: what)
            if wire.delta.type == "text_delta" {
                guard let text = wire.delta.text else {
                    throw ProviderWireError(.anthropic, "\(what): field `delta.text` is missing")
                }
                self = .textDelta(index: wire.index, text: text)
            } else {
                self = .otherDelta(index: wire.index, type: wire.delta.type)
            }
        case "content_block_stop":
            let wire = try WireJSON.decode(IndexWire.self, from: bytes, provider: .anthropic, what: what)
            self = .contentBlockStop(index: wire.index)
        case "message_delta":
            let wire = try WireJSON.decode(MessageDeltaWire.self, from: bytes, provider: .anthropic, what: what)
            self = .messageDelta(stopReason: wire.delta.stopReason, outputTokens: wire.usage.outputTokens ?? 0)
        case "message_stop":
            self = .messageStop
        case "error":
            let wire = try WireJSON.decode(AnthropicError.Envelope.self, from: bytes, provider: .anthropic, what: what)
            self = .error(wire.error)
        default:
            self = .unknown(name: head.type)
        }
    }

    /// The server-sent event the API writes for this event.
    public var sseEvent: SSEEvent {
        switch self {
        case .messageStart(let id, let model, let inputTokens, let outputTokens):
            let message = MessageWire(
                id: id, type: "message", role: "assistant", model: model, content: [],
                usage: UsageWire(inputTokens: inputTokens, outputTokens: outputTokens))
            return SSEEvent(name: "message_start", data: WireJSON.encode(MessageStartWire(type: "message_start", message: message)))
        case .contentBlockStart(let index):
            return SSEEvent(
                name: "content_block_start",
                data: WireJSON.encode(
                    BlockStartWire(type: "content_block_start", index: index, contentBlock: DeltaWire(type: "text", text: ""))))
        case .ping:
            return SSEEvent(name: "ping", data: WireJSON.encode(TypeOnly(type: "ping")))
        case .textDelta(let index, let text):
            return SSEEvent(
                name: "content_block_delta",
                data: WireJSON.encode(
                    BlockDeltaWire(type: "content_block_delta", index: index, delta: DeltaWire(type: "text_delta", text: text))))
        case .otherDelta(let index, let type):
            return SSEEvent(
                name: "content_block_delta",
                data: WireJSON.encode(
                    BlockDeltaWire(type: "content_block_delta", index: index, delta: DeltaWire(type: type, text: nil))))
        case .contentBlockStop(let index):
            return SSEEvent(
                name: "content_block_stop", data: WireJSON.encode(IndexWire(type: "content_block_stop", index: index)))
        case .messageDelta(let stopReason, let outputTokens):
            return SSEEvent(
                name: "message_delta",
                data: WireJSON.encode(
                    MessageDeltaWire(
                        type: "message_delta", delta: StopWire(stopReason: stopReason),
                        usage: UsageWire(inputTokens: nil, outputTokens: outputTokens))))
        case .messageStop:
            return SSEEvent(name: "message_stop", data: WireJSON.encode(TypeOnly(type: "message_stop")))
        case .error(let error):
            return SSEEvent(name: "error", data: error.body)
        case .unknown(let name):
            return SSEEvent(name: name, data: WireJSON.encode(TypeOnly(type: name)))
        }
    }
}

private struct TypeOnly: Codable {
    var type: String
}

private struct UsageWire: Codable {
    var inputTokens: UInt32?
    var outputTokens: UInt32?

    enum CodingKeys: String, CodingKey {
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
    }
}

private struct MessageWire: Codable {
    var id: String
    var type: String?
    var role: String?
    var model: String
    var content: [DeltaWire]?
    var usage: UsageWire
}

private struct MessageStartWire: Codable {
    var type: String
    var message: MessageWire
}

private struct IndexWire: Codable {
    var type: String
    var index: Int
}

private struct DeltaWire: Codable {
    var type: String
    var text: String?
}

private struct BlockStartWire: Codable {
    var type: String
    var index: Int
    var contentBlock: DeltaWire

    enum CodingKeys: String, CodingKey {
        case type, index
        case contentBlock = "content_block"
    }
}

private struct BlockDeltaWire: Codable {
    var type: String
    var index: Int
    var delta: DeltaWire
}

private struct StopWire: Codable {
    var stopReason: String?

    enum CodingKeys: String, CodingKey {
        case stopReason = "stop_reason"
    }

    func encode(to encoder: any Encoder) throws {
        // The API writes `"stop_reason":null` rather than leaving the key out.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stopReason, forKey: .stopReason)
    }
}

private struct MessageDeltaWire: Codable {
    var type: String
    var delta: StopWire
    var usage: UsageWire
}

import VoiceCore

/// A streaming Messages API request (`POST /v1/messages`): the core's conversation history
/// with the system prompt, as the adapter sends it and the stand-in reads it.
public struct AnthropicRequest: Equatable, Sendable {
    public var model: String
    public var maxTokens: Int
    public var system: String?
    /// The conversation, oldest first. Empty turns are left out (the API refuses empty text).
    public var messages: [ConversationTurn]
    public var stream: Bool

    public init(model: String, maxTokens: Int, system: String?, messages: [ConversationTurn], stream: Bool = true) {
        self.model = model
        self.maxTokens = maxTokens
        self.system = system
        self.messages = messages.filter { !$0.text.isEmpty }
        self.stream = stream
    }
}

extension AnthropicRequest {
    /// Path of the Messages endpoint.
    public static let path = "/v1/messages"
    /// The API version the adapter speaks (`anthropic-version` header).
    public static let version = "2023-06-01"

    /// The headers of the request, `apiKey` included.
    public static func headers(apiKey: String) -> [(name: String, value: String)] {
        [("x-api-key", apiKey), ("anthropic-version", version), ("content-type", "application/json"),
         ("accept", "text/event-stream")]
    }

    /// The JSON body.
    public var body: String {
        WireJSON.encode(
            Wire(
                model: model, maxTokens: maxTokens, system: system,
                messages: messages.map { MessageWire(role: $0.role.wireName, content: .text($0.text)) },
                stream: stream))
    }

    /// Reads a request body as the Messages API would. `content` may be a string or a list
    /// of blocks, whose text blocks are joined; a role other than user or assistant throws.
    public init(decodingBody body: some Collection<UInt8>) throws(ProviderWireError) {
        let wire = try WireJSON.decode(Wire.self, from: body, provider: .anthropic, what: "request body")
        var turns: [ConversationTurn] = []
        for (index, message) in wire.messages.enumerated() {
            let role: ConversationTurn.Role
            switch message.role {
            case "user": role = .user
            case "assistant": role = .assistant
            default:
                throw ProviderWireError(.anthropic, "request body: messages[\(index)].role `\(message.role)` is not user or assistant")
            }
            turns.append(ConversationTurn(role: role, text: message.content.text))
        }
        self.init(model: wire.model, maxTokens: wire.maxTokens, system: wire.system, messages: turns,
                  stream: wire.stream ?? false)
    }

    private struct Wire: Codable {
        var model: String
        var maxTokens: Int
        var system: String?
        var messages: [MessageWire]
        var stream: Bool?

        enum CodingKeys: String, CodingKey {
            case model, system, messages, stream
            case maxTokens = "max_tokens"
        }
    }

    private struct MessageWire: Codable {
        var role: String
        var content: Content
    }

    /// A message's content: a plain string, or blocks of which the text ones count.
    private enum Content: Codable {
        case text(String)
        case blocks([Block])

        struct Block: Codable {
            var type: String
            var text: String?
        }

        var text: String {
            switch self {
            case .text(let text): text
            case .blocks(let blocks): blocks.compactMap { $0.type == "text" ? $0.text : nil }.joined()
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .blocks(try container.decode([Block].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .blocks(let blocks): try container.encode(blocks)
            }
        }
    }
}

extension ConversationTurn.Role {
    /// The Messages API's name of the role.
    var wireName: String {
        switch self {
        case .user: "user"
        case .assistant: "assistant"
        }
    }
}

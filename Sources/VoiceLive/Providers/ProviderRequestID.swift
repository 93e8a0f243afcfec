/// A provider's own name for a request or stream it served (Anthropic's `msg_…` and
/// `request-id`, Deepgram's `request_id`): what its support desk asks for about an incident.
///
/// It goes into a live trace as a mark (`provider_request`), beside the core's events and never
/// into them, so recording it changes no digest and replay ignores it.
public struct ProviderRequestID: Equatable, Sendable, CustomStringConvertible {
    public enum Provider: String, Sendable {
        case deepgram, anthropic, elevenlabs
    }

    public var provider: Provider
    /// What it served, in the core's terms ("llm request 3", "stt stream").
    public var served: String
    /// The provider's ids, named as the provider names them (`message.id`, `request-id`, …).
    public var ids: [(name: String, value: String)]

    public init(provider: Provider, served: String, ids: [(name: String, value: String)]) {
        self.provider = provider
        self.served = served
        self.ids = ids
    }

    /// `anthropic llm request 3: message.id=msg_… request-id=req_…`
    public var description: String {
        "\(provider.rawValue) \(served): " + ids.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.provider == rhs.provider && lhs.served == rhs.served && lhs.ids.map(\.name) == rhs.ids.map(\.name)
            && lhs.ids.map(\.value) == rhs.ids.map(\.value)
    }
}

/// Where adapters report the ids of what they served (the session's runtime, which marks the trace).
public typealias ProviderRequestIDSink = @Sendable (ProviderRequestID) -> Void

/// A provider message that could not be decoded: which protocol, and what was wrong.
public struct ProviderWireError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Provider: String, Sendable {
        case deepgram, anthropic, elevenlabs
    }

    public let provider: Provider
    public let detail: String

    public init(_ provider: Provider, _ detail: String) {
        self.provider = provider
        self.detail = detail
    }

    public var description: String { "\(provider): \(detail)" }
}

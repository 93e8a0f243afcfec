/// Where the three providers are and the keys to use: the real services or the stand-ins.
public struct ProviderEndpoints: Equatable, Sendable {
    /// A base URL (`wss://api.deepgram.com`) and its API key.
    public struct Endpoint: Equatable, Sendable {
        public var baseURL: String
        public var apiKey: String

        public init(baseURL: String, apiKey: String) {
            self.baseURL = baseURL
            self.apiKey = apiKey
        }
    }

    public var deepgram: Endpoint
    public var anthropic: Endpoint
    public var elevenLabs: Endpoint

    public init(deepgram: Endpoint, anthropic: Endpoint, elevenLabs: Endpoint) {
        self.deepgram = deepgram
        self.anthropic = anthropic
        self.elevenLabs = elevenLabs
    }
}

extension ProviderEndpoints {
    public static let deepgramKeyVariable = "DEEPGRAM_API_KEY"
    public static let anthropicKeyVariable = "ANTHROPIC_API_KEY"
    public static let elevenLabsKeyVariable = "ELEVENLABS_API_KEY"
    public static let defaultDeepgramURL = "wss://api.deepgram.com"
    public static let defaultAnthropicURL = "https://api.anthropic.com"
    public static let defaultElevenLabsURL = "wss://api.elevenlabs.io"

    /// The real services (`--providers real`): keys from `DEEPGRAM_API_KEY`,
    /// `ANTHROPIC_API_KEY` and `ELEVENLABS_API_KEY`; base URLs from `DEEPGRAM_URL`,
    /// `ANTHROPIC_URL` and `ELEVENLABS_URL` when set. Every missing or empty key is named
    /// in the error.
    public static func real(environment: [String: String]) throws(MissingProviderKeys) -> ProviderEndpoints {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let keyNames = [deepgramKeyVariable, anthropicKeyVariable, elevenLabsKeyVariable]
        let missing = keyNames.filter { value($0) == nil }
        guard missing.isEmpty,
            let deepgramKey = value(deepgramKeyVariable), let anthropicKey = value(anthropicKeyVariable),
            let elevenLabsKey = value(elevenLabsKeyVariable)
        else { throw MissingProviderKeys(variables: missing) }
        return ProviderEndpoints(
            deepgram: Endpoint(baseURL: value("DEEPGRAM_URL") ?? defaultDeepgramURL, apiKey: deepgramKey),
            anthropic: Endpoint(baseURL: value("ANTHROPIC_URL") ?? defaultAnthropicURL, apiKey: anthropicKey),
            elevenLabs: Endpoint(baseURL: value("ELEVENLABS_URL") ?? defaultElevenLabsURL, apiKey: elevenLabsKey))
    }
}

/// `--providers real` without the keys it needs.
public struct MissingProviderKeys: Error, Equatable, Sendable, CustomStringConvertible {
    /// The environment variables that are unset or empty, in a fixed order.
    public let variables: [String]

    public init(variables: [String]) {
        self.variables = variables
    }

    public var description: String {
        "--providers real needs API keys in the environment; missing: \(variables.joined(separator: ", "))"
            + " (or use --providers local for the built-in stand-ins)"
    }
}

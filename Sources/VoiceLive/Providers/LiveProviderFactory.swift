import AsyncHTTPClient
import Logging

/// Makes sessions' providers speaking the real protocols (Deepgram, Anthropic, ElevenLabs)
/// to `endpoints`: the real services (`ProviderEndpoints.real(environment:)`) or the local
/// stand-ins (`StandIns.endpoints`); the adapters are the same either way.
public struct LiveProviderFactory: ProviderFactory {
    public let endpoints: ProviderEndpoints
    public let settings: ProviderSettings
    private let client: HTTPClient
    private let logger: Logger

    /// `client` carries the LLM requests (the process-wide shared client by default).
    public init(endpoints: ProviderEndpoints, settings: ProviderSettings = ProviderSettings(),
                client: HTTPClient = .shared, logger: Logger = Logger(label: "voicesim.providers")) {
        self.endpoints = endpoints
        self.settings = settings
        self.client = client
        self.logger = logger
    }

    public func makeProviders(sessionLabel: String, sink: @escaping ProviderEventSink) -> any SessionProviders {
        makeProviders(sessionLabel: sessionLabel, hints: SessionHints(), sink: sink)
    }

    public func makeProviders(sessionLabel: String, hints: SessionHints, sink: @escaping ProviderEventSink)
        -> any SessionProviders
    {
        makeProviders(sessionLabel: sessionLabel, hints: hints, sink: sink, requestIDs: { _ in })
    }

    public func makeProviders(
        sessionLabel: String, hints: SessionHints, sink: @escaping ProviderEventSink,
        requestIDs: @escaping ProviderRequestIDSink
    ) -> any SessionProviders {
        LiveSessionProviders(
            endpoints: endpoints, settings: settings, sessionLabel: sessionLabel, hints: hints, client: client,
            sink: sink, requestIDs: requestIDs, logger: logger)
    }
}

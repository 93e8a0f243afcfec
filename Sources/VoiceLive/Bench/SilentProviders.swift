/// Providers that take every command and never answer: a load test of the server alone
/// (sockets, decoding, the core, recording), with no provider traffic in the numbers.
public struct SilentProviderFactory: ProviderFactory {
    public init() {}

    public func makeProviders(sessionLabel: String, sink: @escaping ProviderEventSink) -> any SessionProviders {
        SilentProviders()
    }
}

final class SilentProviders: SessionProviders {
    func submit(_ command: ProviderCommand) {}

    func shutdown() async {}
}

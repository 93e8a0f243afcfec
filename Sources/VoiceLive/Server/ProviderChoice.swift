/// Which providers `voicesim serve` talks to.
public enum ProviderChoice: String, Sendable, CaseIterable {
    /// The in-process stand-ins on loopback ports (no keys, no internet).
    case local
    /// The real services, keys from the environment.
    case real
}

/// A provider set this build cannot make, and why.
public struct ProviderUnavailable: Error, CustomStringConvertible {
    public let description: String
}

extension ProviderChoice {
    /// The factory for this choice, and the stand-ins it started (`.local`), which the caller
    /// shuts down when it is done. `.real` refuses, naming every missing key variable.
    /// `speech`: the stand-ins hear and speak with pocketsphinx and espeak-ng.
    public func makeFactory(seed: UInt64 = 1, speech: Bool = false, environment: [String: String]) async throws
        -> (factory: any ProviderFactory, standIns: StandIns?)
    {
        switch self {
        case .local:
            var configuration = StandInConfiguration(seed: seed)
            configuration.speech = speech
            let standIns = try await StandIns.start(configuration)
            return (LiveProviderFactory(endpoints: standIns.endpoints), standIns)
        case .real:
            do {
                return (LiveProviderFactory(endpoints: try ProviderEndpoints.real(environment: environment)), nil)
            } catch {
                throw ProviderUnavailable(description: "--providers real: \(error)")
            }
        }
    }
}

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
    /// The factory for this choice.
    ///
    /// The stand-ins and the real adapters live in `Sources/VoiceLive/Providers` and
    /// `Sources/VoiceLive/StandIns`; until they are part of this build, both choices refuse
    /// with a message instead of serving calls nobody can answer.
    public func makeFactory(log: @escaping @Sendable (String) -> Void) throws -> any ProviderFactory {
        switch self {
        case .local:
            throw ProviderUnavailable(
                description: "--providers local: the local stand-in providers are not part of this build yet")
        case .real:
            throw ProviderUnavailable(description: "--providers real: the real provider adapters are not part of this build yet")
        }
    }
}

import VoiceCore

/// Everything that defines one simulated run: who says what, over which network, to
/// which providers, with which faults, from which seed.
///
/// Scenarios are files in the repository (JSON or YAML, see `Scenario.parse`) or
/// built-ins (`BuiltinScenarios`). Durations in files are milliseconds in fields named
/// `…Ms`; probabilities are parts per million in fields named `…Ppm`.
public struct Scenario: Equatable, Sendable {
    public var name: String
    public var description: String
    /// The one seed every random choice of the run derives from.
    public var seed: UInt64
    /// Simulated time the run lasts.
    public var durationMicros: Int64
    public var pipeline: Pipeline
    /// The callers, one session each.
    public var users: [UserScript]
    public var network: NetworkProfile
    public var server: ServerProfile
    public var providers: ProviderProfiles
    public var faults: FaultSchedule
    /// Faults that start at an event of the run plus an offset (`at: {after: …}` in files).
    public var triggeredFaults: [TriggeredFault]

    public init(
        name: String, description: String = "", seed: UInt64, durationMicros: Int64, pipeline: Pipeline,
        users: [UserScript], network: NetworkProfile = NetworkProfile(), server: ServerProfile = ServerProfile(),
        providers: ProviderProfiles = ProviderProfiles(), faults: FaultSchedule = .none,
        triggeredFaults: [TriggeredFault] = []
    ) {
        precondition(durationMicros > 0, "durationMicros \(durationMicros) <= 0")
        self.name = name
        self.description = description
        self.seed = seed
        self.durationMicros = durationMicros
        self.pipeline = pipeline
        self.users = users
        self.network = network
        self.server = server
        self.providers = providers
        self.faults = faults
        self.triggeredFaults = triggeredFaults
    }
}

/// How the simulated session server host behaves, apart from the session logic.
public struct ServerProfile: Equatable, Sendable {
    /// Extra delay before the first connection of the run is accepted (a cold edge
    /// function); 0 = warm. Later cold starts come from `coldStart` faults.
    public var coldStartMicros: Int64
    /// How long the server keeps a session after its client disconnects.
    public var resumeGraceMicros: Int64
    /// Calls one user may start per day before the session manager refuses them (the seed's 500).
    public var dailyCallsMax: Int

    public init(coldStartMicros: Int64 = 0, resumeGraceMicros: Int64 = 30_000_000, dailyCallsMax: Int = 500) {
        precondition(coldStartMicros >= 0, "coldStartMicros \(coldStartMicros) < 0")
        precondition(resumeGraceMicros >= 0, "resumeGraceMicros \(resumeGraceMicros) < 0")
        precondition(dailyCallsMax >= 0, "dailyCallsMax \(dailyCallsMax) < 0")
        self.coldStartMicros = coldStartMicros
        self.resumeGraceMicros = resumeGraceMicros
        self.dailyCallsMax = dailyCallsMax
    }
}

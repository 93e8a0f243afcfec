import VoiceCore

/// What is known about a session when recording starts; one row of `sessions`.
public struct SessionHeader: Equatable, Sendable {
    /// Where the session ran.
    public enum Origin: String, Sendable, CaseIterable {
        case sim
        case live
    }

    /// How audio is stored in the session's records.
    public enum AudioMode: String, Sendable, CaseIterable {
        /// Every sample, so audio can be exported and replayed exactly.
        case full
        /// Only sample counts and fingerprints: much smaller, still enough to replay decisions.
        case hash
    }

    public var origin: Origin
    public var scenarioName: String?
    /// The scenario file's text, so a trace is reproducible without the repository it came from.
    public var scenarioText: String?
    public var seed: UInt64?
    /// The version (e.g. git describe) of the code that recorded.
    public var codeVersion: String
    /// When the session started, on the session's own clock (virtual for sim; for live, the
    /// recorder's choice, e.g. Unix microseconds).
    public var started: Instant
    /// Which pipeline ran, e.g. "v2" (streaming) or "v1" (sequential REST).
    public var pipeline: String
    public var audioMode: AudioMode
    /// Anything else, as a JSON text (checked by SQLite's `json_valid`).
    public var metadataJSON: String?
    /// How to rebuild each lane's machines, indexed by the `MachineInput` lane number.
    public var lanes: [LaneSetup]

    public init(
        origin: Origin, scenarioName: String? = nil, scenarioText: String? = nil, seed: UInt64? = nil,
        codeVersion: String, started: Instant = .zero, pipeline: String = "v2", audioMode: AudioMode = .full,
        metadataJSON: String? = nil, lanes: [LaneSetup] = []
    ) {
        self.origin = origin
        self.scenarioName = scenarioName
        self.scenarioText = scenarioText
        self.seed = seed
        self.codeVersion = codeVersion
        self.started = started
        self.pipeline = pipeline
        self.audioMode = audioMode
        self.metadataJSON = metadataJSON
        self.lanes = lanes
    }
}

import VoiceSim

/// What one side of a fidelity run (the simulation, or the live run) measured, over all its
/// calls.
public struct FidelitySide: Sendable {
    /// Voice to voice as each client measured it (`ClientMetrics.voiceToVoiceMicros`: its VAD's
    /// end of speech → the first reply audio played), every turn of every call.
    public var voiceToVoiceMicros: [Int64]
    /// Final transcripts with words the servers received (turns the pipeline heard).
    public var finals: Int
    /// Samples of each component, in microseconds.
    public var components: [FidelityComponent: [Int64]]

    public init(voiceToVoiceMicros: [Int64] = [], finals: Int = 0, components: [FidelityComponent: [Int64]] = [:]) {
        self.voiceToVoiceMicros = voiceToVoiceMicros
        self.finals = finals
        self.components = components
    }
}

extension FidelitySide {
    public var voiceToVoice: LatencyStats { LatencyStats(voiceToVoiceMicros) }

    public func stats(_ component: FidelityComponent) -> LatencyStats { LatencyStats(components[component] ?? []) }

    /// Adds one call's measurements.
    mutating func add(meter: FidelityLaneMeter, voiceToVoiceMicros: [Int64]) {
        self.voiceToVoiceMicros += voiceToVoiceMicros
        finals += meter.finals
        for component in FidelityComponent.allCases {
            if let samples = meter.samples[component] { components[component, default: []] += samples }
        }
    }
}

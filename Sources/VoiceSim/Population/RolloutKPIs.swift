import VoiceCore

/// The thresholds a rollout must hold (the seed's: mean voice-to-voice < 2.5 s, p95 < 4 s,
/// success rate > 99 %, transcription accuracy > 90 %; cost under the $5,000 monthly alert,
/// which is `SessionLimits.monthlySpendAlertMicroUSD`).
public struct RolloutKPIs: Equatable, Sendable {
    public var meanMicrosMax: Int64
    public var p95MicrosMax: Int64
    /// Success rate must be above this.
    public var successMin: Ratio
    /// Transcription accuracy (1 − word error rate) must be above this.
    public var accuracyMin: Ratio

    public init(meanMicrosMax: Int64 = 2_500_000, p95MicrosMax: Int64 = 4_000_000,
                successMin: Ratio = .ppm(990_000), accuracyMin: Ratio = .ppm(900_000)) {
        self.meanMicrosMax = meanMicrosMax
        self.p95MicrosMax = p95MicrosMax
        self.successMin = successMin
        self.accuracyMin = accuracyMin
    }
}

/// The KPIs a report judges, by the names reports print.
public enum RolloutKPI: String, CaseIterable, Sendable {
    case mean, p95, success, accuracy, spend
}

import VoiceCore

/// Calibration of the simulated speech-to-text provider (Deepgram-like).
///
/// Defaults follow the seed: streaming partials ≈ 0.3 s after the words are spoken
/// (≈ 50 ms waiting for the 100 ms chunk to end, ≈ 35 ms uplink, 200 ms processing),
/// one every 150 ms at most; V1 REST transcription 2.6 s on average.
public struct STTProfile: Equatable, Sendable {
    /// From `.open` to `.opened`.
    public var openLatency: LatencyDistribution
    /// From receiving audio to sending the partial (or `speechEnded`) it produces.
    public var partialLatency: LatencyDistribution
    /// Minimum time between two partials.
    public var partialIntervalMicros: Int64
    /// Silence after the last word before the provider declares the utterance over.
    public var endpointingMicros: Int64
    /// From `speechEnded` to `final`. Deepgram sends both in one message (`speech_final`
    /// carries the final transcript), so the default is none: `voicesim fidelity` measured
    /// the live final 0.5 s after speech end against 1.25 s with the former 700 ms here.
    public var finalDelay: LatencyDistribution
    /// Chance that a word is misheard in partials.
    public var wordErrorRate: Ratio
    /// Chance that the final transcript corrects a misheard word.
    public var finalCorrectionRate: Ratio
    /// V1: from `.transcribe` to `.transcript`.
    public var restLatency: LatencyDistribution
    /// V1 and failures: from a request to `.failed` or an error close.
    public var failureLatency: LatencyDistribution
    /// A stream without audio or keepalive for this long is closed by the provider.
    public var idleTimeoutMicros: Int64

    public init(
        openLatency: LatencyDistribution = .around(150_000, percent: 20),
        partialLatency: LatencyDistribution = .around(200_000, percent: 25),
        partialIntervalMicros: Int64 = 150_000,
        endpointingMicros: Int64 = 300_000,
        finalDelay: LatencyDistribution = .fixed(0),
        wordErrorRate: Ratio = .ppm(40_000),
        finalCorrectionRate: Ratio = .ppm(600_000),
        restLatency: LatencyDistribution = .around(2_600_000),
        failureLatency: LatencyDistribution = .around(200_000, percent: 20),
        idleTimeoutMicros: Int64 = 10_000_000
    ) {
        precondition(partialIntervalMicros >= 0, "partialIntervalMicros \(partialIntervalMicros) < 0")
        precondition(endpointingMicros >= 0, "endpointingMicros \(endpointingMicros) < 0")
        precondition(idleTimeoutMicros > 0, "idleTimeoutMicros \(idleTimeoutMicros) <= 0")
        self.openLatency = openLatency
        self.partialLatency = partialLatency
        self.partialIntervalMicros = partialIntervalMicros
        self.endpointingMicros = endpointingMicros
        self.finalDelay = finalDelay
        self.wordErrorRate = wordErrorRate
        self.finalCorrectionRate = finalCorrectionRate
        self.restLatency = restLatency
        self.failureLatency = failureLatency
        self.idleTimeoutMicros = idleTimeoutMicros
    }
}

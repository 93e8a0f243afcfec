import VoiceCore

/// Calibration of the simulated text-to-speech provider (PlayHT-like).
///
/// Defaults follow the seed: streaming first audio 0.4 s after the first text, then
/// faster than real time (0.3 s of work per second of audio); V1 whole-reply synthesis
/// 2.0 s on average. Speech runs at 15 characters a second.
public struct TTSProfile: Equatable, Sendable {
    /// V2: from the first text of a response to its first audio.
    public var firstAudio: LatencyDistribution
    /// Speaking rate of the produced audio.
    public var charactersPerSecond: Int64
    /// Work per second of audio (300 000 = real-time factor 0.3).
    public var synthesisMicrosPerAudioSecond: Int64
    /// V1: from `.synthesize` to the whole reply's audio.
    public var restLatency: LatencyDistribution
    /// From a request to its `.failed`.
    public var failureLatency: LatencyDistribution
    /// Audio per `.audio` event.
    public var chunkMicros: Int64
    public var voice: SpeechSynth.Voice

    public init(
        firstAudio: LatencyDistribution = .around(400_000),
        charactersPerSecond: Int64 = 15,
        synthesisMicrosPerAudioSecond: Int64 = 300_000,
        restLatency: LatencyDistribution = .around(2_000_000),
        failureLatency: LatencyDistribution = .around(200_000, percent: 20),
        chunkMicros: Int64 = 100_000,
        voice: SpeechSynth.Voice = .assistant
    ) {
        precondition(charactersPerSecond > 0, "charactersPerSecond \(charactersPerSecond) <= 0")
        precondition(synthesisMicrosPerAudioSecond >= 0, "synthesisMicrosPerAudioSecond < 0")
        precondition(chunkMicros >= AudioFormat.frameMicros, "chunkMicros \(chunkMicros) < one frame")
        self.firstAudio = firstAudio
        self.charactersPerSecond = charactersPerSecond
        self.synthesisMicrosPerAudioSecond = synthesisMicrosPerAudioSecond
        self.restLatency = restLatency
        self.failureLatency = failureLatency
        self.chunkMicros = chunkMicros
        self.voice = voice
    }
}

/// The one audio format on the wire: 16 kHz, PCM16, mono (the seed's mic format).
public enum AudioFormat {
    public static let sampleRateHz: Int64 = 16_000
    /// The mic sends one chunk every 100 ms.
    public static let micChunkSamples = 1_600
    public static let micChunkMicros: Int64 = 100_000
    /// VAD and energy summaries work on 20 ms frames.
    public static let frameSamples = 320
    public static let frameMicros: Int64 = 20_000
    /// Largest chunk a decoder accepts (10 s); bigger is a malformed frame.
    public static let chunkSamplesMax = 160_000

    /// Duration of `samples` samples, in microseconds (exact for 16 kHz).
    @inlinable
    public static func micros(samples: Int) -> Int64 { Int64(samples) * 1_000_000 / sampleRateHz }

    /// Whole samples that play in `micros` microseconds.
    @inlinable
    public static func samples(micros: Int64) -> Int { Int(micros * sampleRateHz / 1_000_000) }
}

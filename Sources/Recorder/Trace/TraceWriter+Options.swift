extension TraceWriter {
    /// When chunks are cut and how they are compressed.
    public struct Options: Equatable, Sendable {
        /// A chunk is committed once its framed records reach this many bytes. Larger chunks
        /// compress better; smaller ones lose less in a crash.
        public var chunkRawBytesTarget: Int
        /// A chunk is committed once its audio entries reach this many bytes. 1 MiB is ~30 s
        /// of a call's distinct audio; deflate's window is 32 KiB, so larger gains nothing.
        public var chunkAudioBytesTarget: Int
        /// A chunk is committed once its records span this much trace time, so a quiet session
        /// still reaches the disk regularly.
        public var chunkSpanMicrosMax: Int64
        /// zlib level of the records, 0 (store) … 9 (smallest).
        public var compressionLevel: Int32
        /// zlib level of the audio entries. 1 by default: on packed PCM, level 6 was ~5× slower
        /// (13 vs 75 MB/s) for 1–4 % less output, which would make recording the slowest part
        /// of a simulation.
        public var audioCompressionLevel: Int32
        /// The most bytes the trace and its `-wal` may hold; a chunk that would go past it is
        /// refused (`.sizeLimit`). nil: no limit.
        public var bytesMax: Int64?

        public init(
            chunkRawBytesTarget: Int = 64 << 10, chunkAudioBytesTarget: Int = 1 << 20,
            chunkSpanMicrosMax: Int64 = 2_000_000, compressionLevel: Int32 = 1, audioCompressionLevel: Int32 = 1,
            bytesMax: Int64? = nil
        ) {
            self.chunkRawBytesTarget = chunkRawBytesTarget
            self.chunkAudioBytesTarget = chunkAudioBytesTarget
            self.chunkSpanMicrosMax = chunkSpanMicrosMax
            self.compressionLevel = compressionLevel
            self.audioCompressionLevel = audioCompressionLevel
            self.bytesMax = bytesMax
        }
    }
}

extension TraceWriter.Options {
    /// For simulations: time is virtual, so the trace-time bound on a chunk means nothing (a
    /// simulated 10-minute call records in well under a second); larger chunks and a higher
    /// records level make hash-only traces about a third smaller.
    public static let simulation = Self(
        chunkRawBytesTarget: 256 << 10, chunkAudioBytesTarget: 1 << 20, chunkSpanMicrosMax: .max,
        compressionLevel: 6, audioCompressionLevel: 1)
}

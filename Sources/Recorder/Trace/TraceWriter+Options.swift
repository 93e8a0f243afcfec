extension TraceWriter {
    /// When chunks are cut and how they are compressed.
    public struct Options: Equatable, Sendable {
        /// A chunk is committed once its framed records reach this many bytes. Larger chunks
        /// compress better; smaller ones lose less in a crash. 64 KiB is ~2 s of full audio.
        public var chunkRawBytesTarget: Int
        /// A chunk is committed once its records span this much trace time, so a quiet session
        /// still reaches the disk regularly.
        public var chunkSpanMicrosMax: Int64
        /// zlib level, 0 (store) … 9 (smallest). 1 by default: audio dominates traces, and on
        /// sample PCM + event data level 6 was ~5× slower (13 vs 75 MB/s) for 1–4 % less output,
        /// which would make recording the slowest part of a simulation.
        public var compressionLevel: Int32

        public init(
            chunkRawBytesTarget: Int = 64 << 10, chunkSpanMicrosMax: Int64 = 2_000_000, compressionLevel: Int32 = 1
        ) {
            self.chunkRawBytesTarget = chunkRawBytesTarget
            self.chunkSpanMicrosMax = chunkSpanMicrosMax
            self.compressionLevel = compressionLevel
        }
    }
}

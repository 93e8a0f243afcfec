import VoiceCore

extension TraceWriter {
    /// The writer's state for the session being recorded.
    struct ActiveSession {
        let id: Int64
        /// Records not yet committed.
        var batch: ChunkBuilder
        var pendingMarks: [TraceMark] = []
        var pendingCheckpoints: [TraceCheckpoint] = []
        /// Totals over committed chunks; they match the session row after each commit.
        var committedChunks: Int64 = 0
        var committedEvents: Int64 = 0
        var committedRawBytes: Int64 = 0
        var committedStoredBytes: Int64 = 0
        var committedAudio: Int64 = 0
        var committedAudioRawBytes: Int64 = 0
        var committedAudioStoredBytes: Int64 = 0
        /// The latest record time, across chunks, so time never goes backwards in a session.
        var lastTime: Instant?

        init(id: Int64, chunkCapacity: Int) {
            self.id = id
            batch = ChunkBuilder(capacity: chunkCapacity)
        }
    }
}

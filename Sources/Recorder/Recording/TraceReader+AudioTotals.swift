import VoiceCore

/// What a session's distinct audio amounts to, from the summaries in its records.
public struct RecordedAudioTotals: Equatable, Sendable {
    /// Distinct chunks (each stored once).
    public var chunks: Int
    public var samples: Int64

    public init(chunks: Int, samples: Int64) {
        self.chunks = chunks
        self.samples = samples
    }

    /// The raw PCM16 size of the distinct audio: what a full-audio trace holds, before packing
    /// and deflate (`TraceSession.audioRawBytes` is the packed size).
    public var pcmBytes: Int64 { 2 * samples }
}

extension TraceReader {
    /// The session's distinct audio, counted from the summaries in its records; audio entries
    /// are not read.
    /// - Complexity: O(size of the session's records)
    public func audioTotals(session id: Int64) throws(TraceError) -> RecordedAudioTotals {
        let session = try session(id: id)
        let chunks = try chunks(session: id)
        var decoder = EventRecordDecoder(session: id, laneCount: session.header.lanes.count)
        while let chunk = try chunks.next() {
            try decoder.begin(chunk)
            for record in chunk.records { _ = try decoder.decode(record) }
            try decoder.end()
        }
        return RecordedAudioTotals(
            chunks: decoder.audio.count, samples: decoder.audio.reduce(0) { $0 + Int64($1.sampleCount) })
    }
}

import VoiceCore

extension TraceReader {
    /// Every distinct audio chunk of the session, in table order (first appearance), with its
    /// samples when the session stored them (`.full`), else its summary only.
    ///
    /// Samples are checked against the recorded summary: a chunk whose samples do not give
    /// the recorded fingerprint and energies is `.chunkCorrupt`, so exported audio is exactly
    /// the audio the machines saw.
    /// - Complexity: O(size of the session, audio included)
    public func recordedAudio(session id: Int64) throws(TraceError) -> [AudioChunk] {
        let session = try session(id: id)
        let chunks = try chunks(session: id, withAudio: true)
        var decoder = EventRecordDecoder(session: id, laneCount: session.header.lanes.count)
        var result: [AudioChunk] = []
        while let chunk = try chunks.next() {
            try decoder.begin(chunk)
            for record in chunk.records { _ = try decoder.decode(record) }
            try decoder.end()
            for (offset, entry) in (chunk.audio ?? []).enumerated() {
                let index = Int(chunk.firstAudioIndex) + offset
                guard index < decoder.audio.count else {
                    throw .chunkCorrupt(
                        session: id, chunk: chunk.index,
                        reason: "audio entry \(index) but its records define \(decoder.audio.count) chunks")
                }
                result.append(try Self.restore(entry, summary: decoder.audio[index], session: id, chunk: chunk.index))
            }
        }
        // Hash-only sessions (or a full one cut short) have summaries without entries.
        result.append(contentsOf: decoder.audio[result.count...])
        return result
    }

    private static func restore(_ entry: [UInt8], summary: AudioChunk, session: Int64, chunk: Int64)
        throws(TraceError) -> AudioChunk
    {
        guard !entry.isEmpty else { return summary }
        let samples: [Int16]
        do {
            samples = try PCMPacking.unpack(entry)
        } catch {
            throw .chunkCorrupt(session: session, chunk: chunk, reason: "audio entry: \(error)")
        }
        let restored = AudioChunk(samples: samples)
        guard restored == summary, !summary.hasEnergies || restored.frameEnergies == summary.frameEnergies else {
            throw .chunkCorrupt(
                session: session, chunk: chunk, reason: "audio samples give \(restored), the record says \(summary)")
        }
        return restored
    }
}

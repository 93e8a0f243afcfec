import VoiceCore

extension Simulation {
    /// `chunk` as the run keeps it: whole when `keepsAudioSamples`, else its summary alone
    /// (equal to the whole chunk, so digests and traces do not change).
    /// - Complexity: O(1); the energies are shared, not copied.
    func keptOrSummarized(_ chunk: AudioChunk) -> AudioChunk {
        guard !keepsAudioSamples, chunk.hasSamples, chunk.sampleCount > 0 else { return chunk }
        return AudioChunk(sampleCount: chunk.sampleCount, fingerprint: chunk.fingerprint, frameEnergies: chunk.frameEnergies)
    }
}

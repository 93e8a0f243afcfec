/// Tuning of the client's energy voice-activity detector.
public struct VADConfig: Equatable, Sendable {
    /// Mean-square frame energy at or above which a 20 ms frame counts as voiced
    /// (700 RMS ≈ −33 dBFS).
    public var thresholdEnergy: UInt32
    /// Voiced frames needed before speech is confirmed: a cough or click is shorter.
    public var speechFramesMin: Int
    /// Unvoiced frames tolerated inside a candidate onset (syllable gaps).
    public var gapFramesMax: Int
    /// Unvoiced frames after speech before it counts as ended.
    public var hangoverFrames: Int

    public init(thresholdEnergy: UInt32 = 490_000, speechFramesMin: Int = 10, gapFramesMax: Int = 4,
                hangoverFrames: Int = 20) {
        self.thresholdEnergy = thresholdEnergy
        self.speechFramesMin = speechFramesMin
        self.gapFramesMax = gapFramesMax
        self.hangoverFrames = hangoverFrames
    }
}

/// A VAD decision, with the time it really happened (not when it was confirmed).
public enum VADTransition: Equatable, Sendable {
    /// Speech confirmed; `onset` is the end of its first voiced frame.
    case speechStarted(onset: Instant)
    /// Hangover expired; `lastVoiced` is the end of the last voiced frame.
    case speechEnded(lastVoiced: Instant)
}

/// Energy VAD over 20 ms frames, in integer arithmetic only.
///
/// Confirming speech needs `speechFramesMin` voiced frames with gaps no longer than
/// `gapFramesMax`, so a 120 ms cough (6 frames) never becomes a turn or a barge-in.
public struct EnergyVAD: Equatable, Sendable {
    public let config: VADConfig
    public private(set) var inSpeech = false
    private var voicedFrames = 0
    private var unvoicedRun = 0
    private var candidateOnset: Instant?
    private var lastVoiced: Instant?

    public init(config: VADConfig = VADConfig()) {
        self.config = config
    }
}

extension EnergyVAD {
    /// Feeds the frames of one chunk that ended at `chunkEnd`.
    ///
    /// Energies are kept to `AudioChunk.energyBitsKept` significant bits, so the threshold is
    /// too: a kept energy reaches the kept threshold exactly when the mean square it came from
    /// does (490,000 is compared as 489,472, the largest kept value not above it, so a frame at
    /// the threshold is voiced, as it was before energies were kept).
    /// - Complexity: O(frames)
    public mutating func process(frameEnergies: [UInt32], chunkEnd: Instant) -> [VADTransition] {
        var transitions: [VADTransition] = []
        let frameCount = Int64(frameEnergies.count)
        let threshold = AudioChunk.keptPrecision(config.thresholdEnergy)
        for (index, energy) in frameEnergies.enumerated() {
            let frameEnd = chunkEnd + (Int64(index) + 1 - frameCount) * AudioFormat.frameMicros
            if let transition = step(voiced: energy >= threshold, frameEnd: frameEnd) {
                transitions.append(transition)
            }
        }
        return transitions
    }

    private mutating func step(voiced: Bool, frameEnd: Instant) -> VADTransition? {
        if voiced {
            unvoicedRun = 0
            lastVoiced = frameEnd
            if inSpeech { return nil }
            if candidateOnset == nil { candidateOnset = frameEnd }
            voicedFrames += 1
            guard voicedFrames >= config.speechFramesMin, let onset = candidateOnset else { return nil }
            inSpeech = true
            return .speechStarted(onset: onset)
        }
        unvoicedRun += 1
        if inSpeech {
            guard unvoicedRun >= config.hangoverFrames, let last = lastVoiced else { return nil }
            inSpeech = false
            resetCandidate()
            return .speechEnded(lastVoiced: last)
        }
        if unvoicedRun > config.gapFramesMax { resetCandidate() }
        return nil
    }

    private mutating func resetCandidate() {
        voicedFrames = 0
        candidateOnset = nil
    }
}

extension EnergyVAD {
    /// Writes every field of the detector's state, for `ClientAgent.stateDigest`.
    func writeState<Sink: ByteSink>(to sink: inout Sink) {
        sink.writeBool(inSpeech)
        sink.writeSignedVarint(Int64(voicedFrames))
        sink.writeSignedVarint(Int64(unvoicedRun))
        sink.writeSignedVarint(candidateOnset?.micros ?? -1)
        sink.writeSignedVarint(lastVoiced?.micros ?? -1)
    }
}

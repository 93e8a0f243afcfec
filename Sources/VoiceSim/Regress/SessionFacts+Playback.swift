import VoiceCore

/// When replies were audible, and when playback stopped.
extension SessionFacts {
    /// One played chunk of a reply.
    struct PlayedChunk {
        let responseID: UInt32
        let start: Instant
        let end: Instant
    }

    /// A lane's playback: every chunk started and the first stop of each reply.
    struct Playback {
        var chunks: [PlayedChunk] = []
        var stops: [(responseID: UInt32, at: Instant)] = []

        func stop(of responseID: UInt32) -> Instant? { stops.first { $0.responseID == responseID }?.at }

        /// The reply playing at `time` (chunk bounds included) that had not been stopped before it.
        func audible(at time: Instant) -> UInt32? {
            for chunk in chunks where chunk.start <= time && time <= chunk.end {
                if let stop = stop(of: chunk.responseID), stop < time { continue }
                if let stop = stop(of: chunk.responseID), stop < chunk.start { continue }
                return chunk.responseID
            }
            return nil
        }

        /// The end of the reply's last chunk, cut at its stop.
        func lastSound(of responseID: UInt32) -> Instant? {
            let ends = chunks.filter { $0.responseID == responseID }.map(\.end)
            guard let last = ends.max() else { return nil }
            return min(last, stop(of: responseID) ?? last)
        }

        /// Microseconds of the reply the user heard: every chunk, cut at the reply's stop.
        func heardMicros(of responseID: UInt32) -> Int64 {
            let stop = self.stop(of: responseID)
            return chunks.filter { $0.responseID == responseID }.reduce(0) { total, chunk in
                let end = stop.map { min($0, chunk.end) } ?? chunk.end
                return total + max(0, end.micros(since: chunk.start))
            }
        }
    }

    func playback(lane: Int) -> Playback {
        var playback = Playback()
        for step in clientSteps(lane: lane) {
            for action in step.actions {
                switch action {
                case .play(let responseID, let chunk):
                    playback.chunks.append(PlayedChunk(responseID: responseID, start: step.time,
                                                       end: step.time + chunk.durationMicros))
                case .stopPlayback(let responseID):
                    if playback.stop(of: responseID) == nil { playback.stops.append((responseID, step.time)) }
                case .connect, .disconnect, .send, .setTimer, .cancelTimer, .showState:
                    break
                }
            }
        }
        return playback
    }

    /// The stretches of speech a VAD with the lane's recorded configuration finds in the
    /// recorded mic energies, each from the mic step that confirmed it (the moment the client
    /// could first know the user speaks) to the step that ended it (nil: still speaking).
    func speech(lane: Int) -> [(onset: Instant, end: Instant?)] {
        var vad = EnergyVAD(config: session.header.lanes[lane].client.vad)
        var stretches: [(onset: Instant, end: Instant?)] = []
        for step in clientSteps(lane: lane) {
            guard case .micCaptured(let chunk) = step.event else { continue }
            for transition in vad.process(frameEnergies: chunk.frameEnergies, chunkEnd: step.time) {
                switch transition {
                case .speechStarted: stretches.append((step.time, nil))
                case .speechEnded: if !stretches.isEmpty { stretches[stretches.count - 1].end = step.time }
                }
            }
        }
        return stretches
    }

    /// Times the client stopped a reply because the user barged in (a stop sent with an interrupt).
    func bargeInStops(lane: Int) -> [(responseID: UInt32, at: Instant)] {
        clientSteps(lane: lane).flatMap { step -> [(responseID: UInt32, at: Instant)] in
            let interrupted = step.actions.compactMap { action -> UInt32? in
                if case .send(.interrupt(let responseID, _)) = action { responseID } else { nil }
            }
            return step.actions.compactMap { action in
                guard case .stopPlayback(let responseID) = action, interrupted.contains(responseID) else { return nil }
                return (responseID, step.time)
            }
        }
    }
}

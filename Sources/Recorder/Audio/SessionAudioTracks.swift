import VoiceCore

/// What one lane's user said and heard, as 16 kHz PCM16 on the session's clock: sample `i`
/// is at `i / 16 000` s after the session started.
///
/// `mic` holds every captured chunk where it was captured (a chunk ends at its event's time);
/// `played` holds every chunk the client played, from its `play` action, cut where a
/// `stopPlayback` of its response stopped it (barge-in). Silence fills the rest. Both tracks
/// have the same length: up to the later of the last event and the end of the last sound.
public struct SessionAudioTracks: Equatable, Sendable {
    public var lane: UInt32
    public var mic: [Int16]
    public var played: [Int16]

    public init(lane: UInt32, mic: [Int16], played: [Int16]) {
        precondition(mic.count == played.count, "tracks of \(mic.count) and \(played.count) samples")
        self.lane = lane
        self.mic = mic
        self.played = played
    }
}

extension SessionAudioTracks {
    public var sampleCount: Int { mic.count }

    /// One placed chunk of a track.
    struct Placement {
        var start: Int
        var samples: [Int16]
        var responseID: UInt32
    }

    /// Lays out `lane`'s audio from the session's events, with samples looked up in `audio`
    /// (the session's distinct chunks, as `TraceReader.recordedAudio` gives them).
    /// - Complexity: O(events + samples)
    static func build(
        session: Int64, lane: UInt32, events: [RecordedEvent], audio: [AudioChunk]
    ) throws(DebugError) -> SessionAudioTracks {
        var byFingerprint: [UInt64: [AudioChunk]] = [:]
        for chunk in audio { byFingerprint[chunk.fingerprint, default: []].append(chunk) }
        func samples(of chunk: AudioChunk) throws(DebugError) -> [Int16] {
            guard let stored = byFingerprint[chunk.fingerprint]?.first(where: { $0 == chunk }), stored.hasSamples
            else { throw .audioNotStored(session: session, purpose: "\(chunk)") }
            return stored.samples
        }
        var mic: [Placement] = []
        var played: [Placement] = []
        var endMicros: Int64 = 0
        for event in events where event.input.lane == lane {
            endMicros = max(endMicros, event.time.micros)
            if case .client(_, .micCaptured(let chunk)) = event.input {
                let start = AudioFormat.samples(micros: max(0, event.time.micros - chunk.durationMicros))
                mic.append(Placement(start: start, samples: try samples(of: chunk), responseID: 0))
            }
            guard case .client(let actions) = event.output else { continue }
            for action in actions {
                switch action {
                case .play(let responseID, let chunk):
                    let start = AudioFormat.samples(micros: event.time.micros)
                    played.append(Placement(start: start, samples: try samples(of: chunk), responseID: responseID))
                case .stopPlayback(let responseID):
                    cut(&played, responseID: responseID, at: AudioFormat.samples(micros: event.time.micros))
                case .connect, .disconnect, .send, .setTimer, .cancelTimer, .showState:
                    break
                }
            }
        }
        var count = AudioFormat.samples(micros: endMicros)
        for placement in mic + played { count = max(count, placement.start + placement.samples.count) }
        return SessionAudioTracks(lane: lane, mic: render(mic, count: count), played: render(played, count: count))
    }

    /// Cuts `responseID`'s chunks at sample `position`: what was not played yet never sounded.
    private static func cut(_ placements: inout [Placement], responseID: UInt32, at position: Int) {
        for index in placements.indices.reversed() where placements[index].responseID == responseID {
            let placement = placements[index]
            guard placement.start + placement.samples.count > position else { break }
            placements[index].samples = Array(placement.samples.prefix(max(0, position - placement.start)))
        }
    }

    /// Mixes placements into one track of `count` samples (overlaps add, clamped).
    private static func render(_ placements: [Placement], count: Int) -> [Int16] {
        var track = [Int16](repeating: 0, count: count)
        for placement in placements {
            for (offset, sample) in placement.samples.enumerated() {
                let index = placement.start + offset
                track[index] = Int16(clamping: Int32(track[index]) + Int32(sample))
            }
        }
        return track
    }
}

extension TraceReader {
    /// `lane`'s mic and played audio in session `id`; `.audioNotStored` for a hash-only session.
    /// - Complexity: O(size of the session, audio included)
    public func audioTracks(session id: Int64, lane: UInt32 = 0) throws(DebugError) -> SessionAudioTracks {
        let session: TraceSession
        let audio: [AudioChunk]
        do {
            session = try self.session(id: id)
            guard session.header.audioMode == .full else {
                throw DebugError.audioNotStored(session: id, purpose: "audio export or waveforms")
            }
            audio = try recordedAudio(session: id)
        } catch let error as DebugError {
            throw error
        } catch let error as TraceError {
            throw .trace(error)
        } catch {
            preconditionFailure("unexpected \(error)")
        }
        guard Int(lane) < max(1, session.header.lanes.count) else {
            throw .trace(.sessionNotFound(session: id))
        }
        return try SessionAudioTracks.build(session: id, lane: lane, events: try allEvents(session: id), audio: audio)
    }
}

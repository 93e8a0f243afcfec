import VoiceCore

/// The call's loudspeaker: what the client played, placed on the session's timeline, so it
/// can be written to a 16 kHz WAV and listened to.
///
/// Chunks of one response play back to back; the core starts each when the previous one
/// ends (a timer), so a start within `joinMicros` of the previous end continues it without
/// the timer's lateness as a gap. A stop cuts the chunk playing at the stop time.
struct Speaker {
    static let joinMicros: Int64 = 50_000
    private(set) var track: [Int16] = []
    /// Where the chunk playing now started in `track`.
    private var currentStart: Int?

    mutating func play(_ chunk: AudioChunk, at now: Instant) {
        let position = AudioFormat.samples(micros: now.micros)
        let start = position <= track.count + AudioFormat.samples(micros: Speaker.joinMicros) ? track.count : position
        if start > track.count { track += [Int16](repeating: 0, count: start - track.count) }
        currentStart = track.count
        track += chunk.samples
    }

    mutating func stop(at now: Instant) {
        guard let currentStart else { return }
        let cut = max(currentStart, AudioFormat.samples(micros: now.micros))
        if cut < track.count { track.removeLast(track.count - cut) }
        self.currentStart = nil
    }
}

import VoiceCore

/// Predicts a record's time from the earlier records of its class in the same chunk, so the
/// times columns hold small residuals instead of raw gaps (schema 7).
///
/// Records of one class (`EventRecord.timeClass(of:)`: one machine, lane and kind of event)
/// come at a steady pace: mic chunks every 100 ms, TTS chunks every 30 ms, a playback timer per
/// chunk played. A record is predicted at its class's previous time plus that class's previous
/// step, but never before the chunk's previous record (records are in time order), and a
/// class's first record in the chunk at the chunk's previous record. What is left is the
/// network's jitter. The model restarts with every chunk, so a chunk decodes on its own.
///
/// A 10-minute call: the times columns deflate to about 41 kB (68 kB as plain gaps).
struct RecordTimeModel {
    /// The chunk's previous record time (its first time before any record).
    var previousMicros: Int64
    /// Per class: its previous record time and the step before it.
    var classes: [UInt64: (micros: Int64, stepMicros: Int64)] = [:]

    init(firstTime: Instant) {
        previousMicros = firstTime.micros
    }
}

extension RecordTimeModel {
    /// Where a record of class `key` is expected. Wrapping: damaged input predicts nonsense, never traps.
    /// - Complexity: O(1) expected (one hash lookup; nothing iterates the table).
    func predictedMicros(_ key: UInt64) -> Int64 {
        guard let last = classes[key] else { return previousMicros }
        return max(previousMicros, last.micros &+ last.stepMicros)
    }

    /// The residual to store for a record of class `key` at `time`, zig-zagged.
    mutating func encode(_ time: Instant, _ key: UInt64) -> UInt64 {
        let residual = time.micros &- predictedMicros(key)
        observe(time.micros, key)
        return UInt64(bitPattern: (residual &<< 1) ^ (residual >> 63))
    }

    /// The time of a record of class `key` stored as `stored`; nil when it would precede the
    /// previous record or overflow (a damaged column).
    mutating func decode(_ stored: UInt64, _ key: UInt64) -> Instant? {
        let residual = Int64(bitPattern: stored >> 1) ^ (0 &- Int64(bitPattern: stored & 1))
        let (micros, overflow) = predictedMicros(key).addingReportingOverflow(residual)
        guard !overflow, micros >= previousMicros else { return nil }
        observe(micros, key)
        return Instant(micros: micros)
    }

    private mutating func observe(_ micros: Int64, _ key: UInt64) {
        let step = classes[key].map { micros &- $0.micros } ?? 0
        classes[key] = (micros, step)
        previousMicros = micros
    }
}

import VoiceCore

/// A session's time: microseconds since the session started, on the monotonic clock.
///
/// `now()` is the only place the live runtime reads a clock for a machine; the session driver
/// calls it once per input, so every `Instant` a core sees comes from here and is recorded
/// with the input. Deadlines go the other way (`deadline(of:)`) without reading the clock.
public struct SessionClock: Sendable {
    /// When the session started.
    public let start: ContinuousClock.Instant

    public init(start: ContinuousClock.Instant) {
        self.start = start
    }

    /// Microseconds since `start`, as the core's `Instant`.
    func now() -> Instant {
        Instant(micros: SessionClock.micros(start.duration(to: ContinuousClock.now)))
    }

    /// The monotonic instant a core deadline falls on.
    public func deadline(of instant: Instant) -> ContinuousClock.Instant {
        start.advanced(by: .microseconds(instant.micros))
    }

    static func micros(_ duration: Duration) -> Int64 {
        let parts = duration.components
        return parts.seconds * 1_000_000 + parts.attoseconds / 1_000_000_000_000
    }
}

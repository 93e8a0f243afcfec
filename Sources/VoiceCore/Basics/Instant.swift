/// A point in virtual or wall time, in microseconds since the start of a run.
///
/// The core never reads a clock: every `handle(_:at:)` receives the time, so the
/// same inputs give the same outputs in simulation, live runs and replay.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var micros: Int64

    public init(micros: Int64) {
        self.micros = micros
    }
}

extension Instant {
    public static let zero = Instant(micros: 0)

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.micros < rhs.micros }

    public static func + (lhs: Instant, rhsMicros: Int64) -> Instant { Instant(micros: lhs.micros + rhsMicros) }

    /// Microseconds from `earlier` to `self` (negative when `earlier` is later).
    public func micros(since earlier: Instant) -> Int64 { micros - earlier.micros }

    public static func millis(_ value: Int64) -> Instant { Instant(micros: value * 1_000) }
    public static func seconds(_ value: Int64) -> Instant { Instant(micros: value * 1_000_000) }

    /// `t=12.345678s`, exact: no floating point.
    public var description: String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        let fraction = String(magnitude % 1_000_000)
        return "t=\(sign)\(magnitude / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)s"
    }
}

/// A probability without floating point: `numerator / denominator`, checked on creation.
///
/// Floating point would make a coin flip depend on rounding; integers make it exact
/// on every platform (the same reason TigerBeetle's PRNG takes a `Ratio`).
public struct Ratio: Hashable, Sendable, CustomStringConvertible {
    public let numerator: UInt64
    public let denominator: UInt64

    public init(_ numerator: UInt64, _ denominator: UInt64) {
        precondition(denominator != 0, "Ratio denominator is zero")
        precondition(numerator <= denominator, "Ratio \(numerator)/\(denominator) is above one")
        self.numerator = numerator
        self.denominator = denominator
    }
}

extension Ratio {
    public static let zero = Ratio(0, 1)
    public static let one = Ratio(1, 1)

    /// Parts per million, the unit scenario files use.
    public static func ppm(_ value: UInt64) -> Ratio { Ratio(value, 1_000_000) }

    public var description: String { "\(numerator)/\(denominator)" }
}

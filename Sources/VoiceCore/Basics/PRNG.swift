/// SplitMix64: turns one seed into well-mixed 64-bit values; used to seed `PRNG`.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256**: the seeded generator every random decision in VoiceSim draws from.
///
/// The state is four words held by value, so copying a machine copies its future.
/// All derived helpers use integer arithmetic only (Lemire's method for bounded
/// values), never `Double`, so results are identical across platforms and builds.
public struct PRNG: Sendable, Equatable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }
}

extension PRNG {
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform value in `0..<bound`; `bound` must be positive.
    public mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "PRNG.below(0)")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform value in `lower...upper`.
    public mutating func inRange(_ lower: Int64, _ upper: Int64) -> Int64 {
        precondition(lower <= upper, "PRNG.inRange(\(lower), \(upper))")
        let span = UInt64(bitPattern: upper &- lower) &+ 1
        if span == 0 { return Int64(bitPattern: next()) }
        return lower &+ Int64(bitPattern: below(span))
    }

    /// True with probability `ratio`.
    public mutating func chance(_ ratio: Ratio) -> Bool {
        if ratio.numerator == 0 { return false }
        if ratio.numerator == ratio.denominator { return true }
        return below(ratio.denominator) < ratio.numerator
    }

    /// A child generator for an independent stream (e.g. one per link), so adding
    /// draws to one stream never shifts another.
    public mutating func fork() -> PRNG { PRNG(seed: next()) }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

import VoiceCore
import VoiceSim

/// The random extra delays of one direction of one proxied connection: a sequence drawn from
/// the proxy's seed and the connection's number (in accept order), so a rerun of the proxy with
/// the same seed delays the n-th connection's chunks alike.
package struct ProxyJitter: Sendable {
    private var random: PRNG
    /// The distribution of the draws (`.uniform(maxMicros:)` for `--jitter-ms`).
    package let jitter: Jitter

    /// `upstream`: the direction towards the server (the other one draws its own sequence).
    package init(seed: UInt64, connection: UInt64, upstream: Bool, maxMicros: Int64) {
        self.init(seed: seed, connection: connection, upstream: upstream,
                  jitter: maxMicros > 0 ? .uniform(maxMicros: maxMicros) : .none)
    }

    /// Draws from a simulator link's `jitter`, as the simulated link would.
    package init(seed: UInt64, connection: UInt64, upstream: Bool, jitter: Jitter) {
        random = PRNG(seed: ProxyJitter.mix(seed, connection: connection) &+ (upstream ? 1 : 0))
        self.jitter = jitter
    }

    /// Each draw is in `0...maxMicros`.
    package var maxMicros: Int64 { jitter.maxMicros }

    /// The next chunk's extra delay.
    package mutating func next() -> Int64 {
        jitter.sample(using: &random)
    }

    /// SplitMix64's step over the seed and the connection number, so neighbouring numbers
    /// draw unrelated sequences.
    static func mix(_ seed: UInt64, connection number: UInt64) -> UInt64 {
        var z = seed &+ number &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Testing
import VoiceLive

/// The fault proxy's jitter is seeded: a rerun with the same `--seed` delays the n-th
/// connection's chunks exactly as before.
@Suite("fault proxy jitter")
struct ProxyJitterTests {
    static func draws(seed: UInt64, connection: UInt64, upstream: Bool, count: Int = 50) -> [Int64] {
        var jitter = ProxyJitter(seed: seed, connection: connection, upstream: upstream, maxMicros: 40_000)
        return (0..<count).map { _ in jitter.next() }
    }

    @Test("the same seed and connection number draw the same delays; another seed, connection or direction others")
    func seeded() {
        let first = Self.draws(seed: 1, connection: 1, upstream: true)
        #expect(first == Self.draws(seed: 1, connection: 1, upstream: true))
        #expect(first.allSatisfy { (0...40_000).contains($0) })
        #expect(Set(first).count > 25, "\(first)")
        #expect(first != Self.draws(seed: 2, connection: 1, upstream: true))
        #expect(first != Self.draws(seed: 1, connection: 2, upstream: true))
        #expect(first != Self.draws(seed: 1, connection: 1, upstream: false))
    }

    @Test("no jitter configured draws no delay")
    func none() {
        var jitter = ProxyJitter(seed: 1, connection: 1, upstream: true, maxMicros: 0)
        #expect((0..<10).map { _ in jitter.next() } == Array(repeating: 0, count: 10))
    }
}

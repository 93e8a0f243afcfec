import Foundation
import VoiceCore
@testable import VoiceSim

/// Small, fast populations for the tests: short calls, a handful of turns, few users.
enum PopulationFixtures {
    /// Broadband only, users calling 1–3 times a day, 40 s calls of 2–3 turns.
    static func small(name: String = "small", v2SharePpm: UInt64, seed: UInt64 = 0x5EED_0150,
                      network: [PopulationSpec.NetworkClass]? = nil) -> PopulationSpec {
        PopulationSpec(
            name: name, seed: seed, calls: 30,
            users: .init(count: 300, callsPerDay: .uniform(min: 1, max: 3)),
            call: .init(lengthMicros: .fixed(40_000_000), turns: .uniform(min: 2, max: 3), bargeIn: .zero,
                        cough: .zero, answerWindowMicros: 12_000_000),
            network: network ?? [.init(name: "broadband", weight: 1)],
            flag: FeatureFlag(v2Share: .ppm(v2SharePpm)))
    }

    /// A mobile link whose calls sit in long latency spikes (+2–3 s each way) and partitions.
    static let flaky = PopulationSpec.NetworkClass(
        name: "flaky", weight: 1, profile: NetworkProfile(up: .mobile, down: .mobile),
        incidents: [
            IncidentRate(kind: .latencySpike, perMinute: .one, durationMicros: .uniform(min: 20_000_000, max: 40_000_000),
                         amount: .uniform(min: 2_000_000, max: 3_000_000)),
            IncidentRate(kind: .partition, perMinute: .ppm(500_000),
                         durationMicros: .uniform(min: 2_000_000, max: 4_500_000)),
        ])

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).sqlite").path
    }
}

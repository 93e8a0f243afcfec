import Testing
import VoiceCore
@testable import VoiceSim

/// Mutation testing of the oracles: each planted bug must be found by the fuzzer within the
/// seed budget, as a breach of the oracle meant to catch it that the clean core does not show,
/// and the shrunk schedule must still expose it.
@Suite("Planted bugs")
struct PlantedBugTests {
    static let seedBudget: UInt64 = 40

    @Test("The fuzzer finds and shrinks each planted bug within 40 seeds", arguments: PlantedBug.allCases)
    func fuzzerFindsPlantedBug(_ bug: PlantedBug) throws {
        let finding = try #require(PlantedBugHunt.hunt(bug, seeds: Array(1...PlantedBugTests.seedBudget)),
                                   "\(bug) not found in \(PlantedBugTests.seedBudget) seeds")
        #expect(finding.breach.kind == PlantedBugHunt.expectedKind(bug))
        #expect(finding.shrunk.faults.count <= finding.scenario.faults.count)
        #expect(!PlantedBugHunt.newBreaches(bug, finding.shrunk).isEmpty, "the shrunk schedule no longer exposes \(bug)")
    }

}

import Foundation
import TestSupport
import Testing

@Suite("Argument edges")
struct ArgumentEdgeTests {
    @Test("a --shard that selects no seed is a usage error (64), not a pass over 0 seeds")
    func emptyShard() throws {
        let binary = try #require(voicesimBinary())
        #expect(try runVoicesim(binary, ["fuzz", "--seeds", "2", "--shard", "2/3"]).status == 64)
        let covered = try runVoicesim(binary, ["fuzz", "--seeds", "2", "--shard", "1/3", "--json"])
        #expect(covered.status == 0 && covered.output.contains("\"seeds\": 1"), "\(covered.output)")
    }
}

import VoiceCore

/// The seeds of one fuzz campaign and how each is checked: which seeds (a range, or one shard
/// of it), which scenario a seed stands for, planted bugs, the failure kind that counts, and
/// whether failures are shrunk.
///
/// `outcome(at:)` is a pure function of the campaign and the position, so a campaign can be
/// run on any number of threads or split into shards whose outcomes, put back in position
/// order, equal one serial run's.
public struct FuzzCampaign: Sendable {
    /// The seed at position 0; position `i` runs seed `firstSeed &+ i`.
    public var firstSeed: UInt64
    /// Positions in the whole campaign (every shard's together).
    public var seedCount: Int
    /// Which shard this process runs: positions `i` with `i % count == index`.
    public var shard: FuzzShard
    /// The scenario a seed stands for (a swarm scenario, or a variant around an incident).
    public var scenario: @Sendable (UInt64) -> Scenario
    package var plantedBugs: PlantedBugs
    /// Count only failures of this class (`FuzzFailure.kindName`); nil counts all.
    public var kindName: String?
    /// Whether failing seeds are shrunk to their fewest faults.
    public var shrinks: Bool

    package init(
        firstSeed: UInt64, seedCount: Int, shard: FuzzShard, scenario: @escaping @Sendable (UInt64) -> Scenario,
        plantedBugs: PlantedBugs, kindName: String?, shrinks: Bool
    ) {
        self.firstSeed = firstSeed
        self.seedCount = seedCount
        self.shard = shard
        self.scenario = scenario
        self.plantedBugs = plantedBugs
        self.kindName = kindName
        self.shrinks = shrinks
    }
}

extension FuzzCampaign {
    /// The campaign positions this shard runs, in order.
    public var positions: [Int] {
        stride(from: shard.index, to: seedCount, by: shard.count).map { $0 }
    }

    /// Runs the seed at `position`, and shrinks it when it fails.
    /// - Complexity: one simulation when the seed passes; O(faults · log(faults)) more when it fails.
    public func outcome(at position: Int) -> FuzzOutcome {
        let seed = firstSeed &+ UInt64(position)
        let scenario = scenario(seed)
        let (result, all) = Fuzzer.check(scenario, plantedBugs: plantedBugs)
        let failures = kindName.map { name in all.filter { $0.kindName == name } } ?? all
        guard let first = failures.first else {
            return FuzzOutcome(index: position, seed: seed, digestHex: result.digestHex, finding: nil)
        }
        let shrunk = shrinks ? Fuzzer.shrink(scenario) {
            Fuzzer.check($0, plantedBugs: plantedBugs).failures.contains { $0.sameKind(as: first) }
        } : scenario
        let kept = shrunk.faults.faults.compactMap { fault in scenario.faults.faults.firstIndex(of: fault) }
        let finding = FuzzFinding(
            kindName: first.kindName, isSafety: failures.contains(where: \.isSafety),
            failures: failures.map(\.description), scenarioDescription: scenario.description,
            faultCount: scenario.faults.count, keptFaults: shrinks ? kept : nil, shrunk: shrunk)
        return FuzzOutcome(index: position, seed: seed, digestHex: result.digestHex, finding: finding)
    }
}

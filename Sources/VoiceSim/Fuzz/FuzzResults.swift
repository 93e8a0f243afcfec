/// What a fuzz campaign (or one shard of it) found, as stored in a results file
/// (`voicesim fuzz --out FILE.sqlite`) and combined by `voicesim fuzz merge`.
public struct FuzzResults: Equatable, Sendable {
    /// The options that decide every outcome (first seed, seed count, planted bug, kind, …),
    /// sorted by key. Shards merge only when these are equal.
    public var campaign: [FuzzCampaignParameter]
    /// One row per shard that contributed, by shard index.
    public var shards: [FuzzShardRun]
    /// Every seed run, by campaign position.
    public var seeds: [FuzzSeedRecord]

    public init(campaign: [FuzzCampaignParameter], shards: [FuzzShardRun], seeds: [FuzzSeedRecord]) {
        self.campaign = campaign.sorted { $0.key < $1.key }
        self.shards = shards.sorted { $0.shard.index < $1.shard.index }
        self.seeds = seeds.sorted { $0.index < $1.index }
    }
}

/// One option of a campaign that outcomes depend on, as text.
public struct FuzzCampaignParameter: Equatable, Sendable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}

/// How one shard ran: how many seeds, how fast, and whether it ran all of its seeds (a
/// `--max-failures` stop leaves it incomplete).
public struct FuzzShardRun: Equatable, Sendable {
    public var shard: FuzzShard
    public var seedsRun: Int
    public var wallSeconds: Double
    public var jobs: Int
    public var isComplete: Bool

    public init(shard: FuzzShard, seedsRun: Int, wallSeconds: Double, jobs: Int, isComplete: Bool) {
        self.shard = shard
        self.seedsRun = seedsRun
        self.wallSeconds = wallSeconds
        self.jobs = jobs
        self.isComplete = isComplete
    }

    public var seedsPerSecond: Double { Double(seedsRun) / max(wallSeconds, 0.000_001) }
}

/// One seed's outcome as stored: what `FuzzOutcome` holds, with the shrunk scenario as YAML
/// and the one-line repro command.
public struct FuzzSeedRecord: Equatable, Sendable {
    public var index: Int
    public var seed: UInt64
    public var digestHex: String
    /// nil when the seed passed.
    public var failure: FuzzFailureRecord?

    public init(index: Int, seed: UInt64, digestHex: String, failure: FuzzFailureRecord?) {
        self.index = index
        self.seed = seed
        self.digestHex = digestHex
        self.failure = failure
    }
}

/// A failing seed as stored.
public struct FuzzFailureRecord: Equatable, Sendable {
    public var kindName: String
    public var isSafety: Bool
    public var failures: [String]
    public var scenarioDescription: String
    public var faultCount: Int
    public var keptFaults: [Int]?
    public var shrunkFaultLines: [String]
    /// The command that re-runs exactly the shrunk case.
    public var repro: String
    /// The shrunk scenario as YAML (`voicesim run` takes it).
    public var shrunkYAML: String

    public init(
        kindName: String, isSafety: Bool, failures: [String], scenarioDescription: String, faultCount: Int,
        keptFaults: [Int]?, shrunkFaultLines: [String], repro: String, shrunkYAML: String
    ) {
        self.kindName = kindName
        self.isSafety = isSafety
        self.failures = failures
        self.scenarioDescription = scenarioDescription
        self.faultCount = faultCount
        self.keptFaults = keptFaults
        self.shrunkFaultLines = shrunkFaultLines
        self.repro = repro
        self.shrunkYAML = shrunkYAML
    }
}

extension FuzzSeedRecord {
    /// The stored form of `outcome`, with the repro line its campaign prints.
    public init(_ outcome: FuzzOutcome, repro: String) {
        self.init(
            index: outcome.index, seed: outcome.seed, digestHex: outcome.digestHex,
            failure: outcome.finding.map { finding in
                FuzzFailureRecord(
                    kindName: finding.kindName, isSafety: finding.isSafety, failures: finding.failures,
                    scenarioDescription: finding.scenarioDescription, faultCount: finding.faultCount,
                    keptFaults: finding.keptFaults, shrunkFaultLines: finding.shrunkFaultLines, repro: repro,
                    shrunkYAML: finding.shrunk.yaml)
            })
    }
}

extension FuzzResults {
    public var safetyFailures: Int { seeds.count { $0.failure?.isSafety == true } }
    public var livenessFailures: Int { seeds.count { $0.failure?.isSafety == false } }
    public var passed: Int { seeds.count { $0.failure == nil } }

    /// The value of the campaign parameter `key`, if stored.
    public func parameter(_ key: String) -> String? { campaign.first { $0.key == key }?.value }
}

/// What one fuzz seed came to: its digest, and when it failed, what failed and the shrunk case.
///
/// A pure function of the seed and the campaign's options, so outcomes computed on any thread,
/// in any process, of any shard compare equal.
public struct FuzzOutcome: Equatable, Sendable {
    /// The seed's position in the campaign (0 for `--first-seed`), which decides its shard.
    public var index: Int
    public var seed: UInt64
    /// The digest of the seed's (unshrunk) run.
    public var digestHex: String
    /// The failure, or nil when the seed passed.
    public var finding: FuzzFinding?

    public init(index: Int, seed: UInt64, digestHex: String, finding: FuzzFinding?) {
        self.index = index
        self.seed = seed
        self.digestHex = digestHex
        self.finding = finding
    }
}

/// A failing seed: the failures in the order the run found them, and its schedule shrunk to
/// the fewest faults that still fail the same way.
public struct FuzzFinding: Equatable, Sendable {
    /// The first failure's class (`FuzzFailure.kindName`), which shrinking preserved.
    public var kindName: String
    /// Whether any failure is a safety failure (exit 1) rather than liveness only (exit 3).
    public var isSafety: Bool
    /// Every failure, as `FuzzFailure.description`.
    public var failures: [String]
    /// The seed's scenario's one-line description.
    public var scenarioDescription: String
    /// Faults in the seed's schedule before shrinking.
    public var faultCount: Int
    /// The indices (into the seed's schedule) of the faults the shrunk case keeps, or nil when
    /// the campaign did not shrink.
    public var keptFaults: [Int]?
    /// The shrunk scenario (the whole scenario when not shrunk).
    public var shrunk: Scenario

    public init(
        kindName: String, isSafety: Bool, failures: [String], scenarioDescription: String, faultCount: Int,
        keptFaults: [Int]?, shrunk: Scenario
    ) {
        self.kindName = kindName
        self.isSafety = isSafety
        self.failures = failures
        self.scenarioDescription = scenarioDescription
        self.faultCount = faultCount
        self.keptFaults = keptFaults
        self.shrunk = shrunk
    }

    /// The shrunk faults, one line each (`name: kind start…end`).
    public var shrunkFaultLines: [String] {
        shrunk.faults.faults.map { "\($0.name): \($0.kind) \($0.start)…\($0.end)" }
    }
}

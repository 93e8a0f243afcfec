/// What `voicesim regress` found for one golden.
public struct GoldenReport: Equatable, Sendable {
    public enum Status: String, Equatable, Sendable {
        /// Replayed bit for bit, fresh, every expectation held.
        case passed
        /// Diverged, or an expectation failed.
        case failed
        /// The recorded scenario no longer matches its source.
        case stale
        /// Could not be judged: a missing or damaged trace, a bad scenario (exit 2).
        case broken
    }

    public var name: String
    public var description: String
    public var status: Status
    /// The replay's first divergence, in full; nil when identical.
    public var divergence: String?
    /// What differs from the scenario's source (see `ScenarioDrift`); empty when fresh.
    public var drift: [String] = []
    public var expectations: [ExpectationResult] = []
    /// True when the expectations were judged on a fresh run of the scenario (the recording no
    /// longer shows what the current core does), false when on the golden recording itself.
    public var judgedOnRerun = false
    /// Why the golden could not be judged (`.broken`), or why `--update` left it alone.
    public var problem: String?
    /// With `--update`: what re-recording changed, or nil when the golden was left as it was.
    public var update: String?
    /// Anything else worth knowing that does not fail the golden.
    public var notes: [String] = []

    public init(name: String, description: String, status: Status) {
        self.name = name
        self.description = description
        self.status = status
    }
}

extension GoldenReport {
    public var failedExpectations: [ExpectationResult] { expectations.filter { !$0.passed } }

    /// The report's readable lines: the verdict, then what failed and where.
    public var text: String {
        var lines = ["\(status == .passed ? "pass" : status == .failed && divergence != nil ? "diverged" : status.rawValue)  \(name)"]
        if let problem { lines.append("  \(problem)") }
        for line in drift { lines.append("  stale: \(line)") }
        if let divergence {
            lines.append("  first divergence:")
            lines += divergence.split(separator: "\n", omittingEmptySubsequences: false).prefix(24).map { "    \($0)" }
        }
        let judged = judgedOnRerun ? " (on a fresh run of the scenario)" : ""
        let failed = failedExpectations
        if !failed.isEmpty {
            lines.append("  \(failed.count) of \(expectations.count) expectations failed\(judged):")
            lines += failed.map { "    \($0)" }
        }
        for note in notes { lines.append("  note: \(note)") }
        if let update { lines += update.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" } }
        return lines.joined(separator: "\n")
    }
}

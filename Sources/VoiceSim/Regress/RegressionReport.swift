/// What `voicesim regress` found for a set of goldens.
public struct RegressionReport: Equatable, Sendable {
    public var goldens: [GoldenReport]

    public init(goldens: [GoldenReport]) {
        self.goldens = goldens
    }
}

extension RegressionReport {
    public var passed: Int { goldens.filter { $0.status == .passed }.count }
    public var failed: Int { goldens.filter { $0.status == .failed }.count }
    public var stale: Int { goldens.filter { $0.status == .stale }.count }
    public var broken: Int { goldens.filter { $0.status == .broken }.count }
    public var updated: Int { goldens.filter { $0.update != nil }.count }

    /// 0 when every golden passed, 2 when one could not be judged, else 1.
    public var exitCode: Int32 { broken > 0 ? 2 : (failed + stale > 0 ? 1 : 0) }

    /// The golden named `name`, if any.
    public func golden(_ name: String) -> GoldenReport? { goldens.first { $0.name == name } }

    public var text: String {
        var lines = goldens.map(\.text)
        var totals = "\(goldens.count) goldens: \(passed) passed, \(failed) failed, \(stale) stale"
        if broken > 0 { totals += ", \(broken) broken" }
        if updated > 0 { totals += "; \(updated) updated" }
        lines.append(totals)
        return lines.joined(separator: "\n")
    }

    /// `{"passed": …, "failed": …, "stale": …, "broken": …, "updated": …, "goldens": [...]}`.
    public var json: JSONValue {
        .object([
            ("passed", .int(Int64(passed))), ("failed", .int(Int64(failed))), ("stale", .int(Int64(stale))),
            ("broken", .int(Int64(broken))), ("updated", .int(Int64(updated))),
            ("goldens", .array(goldens.map(\.json))),
        ])
    }
}

extension GoldenReport {
    var json: JSONValue {
        .object([
            ("name", .string(name)), ("status", .string(status.rawValue)),
            ("divergence", divergence.map { .string($0) } ?? .null),
            ("stale", .array(drift.map { .string($0) })),
            ("problem", problem.map { .string($0) } ?? .null),
            ("judged_on_rerun", .bool(judgedOnRerun)),
            ("expectations", .array(expectations.map { result in
                .object([("name", .string(result.sentence)), ("passed", .bool(result.passed)),
                         ("found", .string(result.found))])
            })),
            ("update", update.map { .string($0) } ?? .null),
        ])
    }
}

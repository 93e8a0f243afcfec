/// How a golden's recorded scenario has drifted from where it came from: the scenario file
/// beside it, and the built-in that file was printed from. A stale golden no longer tests what
/// its source says, so it never passes.
public enum ScenarioDrift {
    /// Lines describing every difference; empty when the golden is fresh.
    public static func find(recorded: Scenario, file: Scenario, fileName: String, builtin: Scenario?) -> [String] {
        var drift: [String] = []
        if let builtin, builtin != file {
            drift.append("\(fileName) differs from the built-in \(builtin.name):")
            drift += lines(from: builtin.yaml, to: file.yaml, fromLabel: "built-in", toLabel: "file")
        }
        if recorded != file {
            drift.append("the recorded scenario differs from \(fileName):")
            drift += lines(from: file.yaml, to: recorded.yaml, fromLabel: "file", toLabel: "recorded")
        }
        return drift
    }

    /// The lines of `from` missing in `to` and the other way round, in order (canonical YAML of
    /// both, so formatting never counts).
    static func lines(from: String, to: String, fromLabel: String, toLabel: String) -> [String] {
        let left = from.split(separator: "\n").map(String.init)
        let right = to.split(separator: "\n").map(String.init)
        var result: [String] = []
        var unmatched = right
        for line in left {
            if let index = unmatched.firstIndex(of: line) { unmatched.remove(at: index) } else {
                result.append("  \(fromLabel.padding(8)) \(line.trimmingLeadingSpaces)")
            }
        }
        var missing = left
        for line in right {
            if let index = missing.firstIndex(of: line) { missing.remove(at: index) } else {
                result.append("  \(toLabel.padding(8)) \(line.trimmingLeadingSpaces)")
            }
        }
        return result
    }
}

extension String {
    fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}

import VoiceSim

/// A whole golden directory from a test, the way `voicesim regress DIR` runs it.
///
///     @Test func goldens() throws { try GoldenSuite.expectAllPass("traces/golden") }
public enum GoldenSuite {
    /// Runs the goldens at `paths` (directories, expectation files or traces).
    public static func run(_ paths: [String], core: CoreChange = .none, update: Bool = false) throws
        -> RegressionReport
    {
        do {
            return try RegressionRunner(core: core, update: update).run(paths)
        } catch {
            throw VoiceSimTestFailure("cannot run the goldens: \(error)")
        }
    }

    /// Throws, with every failing golden's report, unless every golden passes.
    public static func expectAllPass(_ paths: String..., core: CoreChange = .none) throws {
        let report = try run(paths, core: core)
        let failing = report.goldens.filter { $0.status != .passed }
        guard failing.isEmpty else {
            throw VoiceSimTestFailure(
                "\(failing.count) of \(report.goldens.count) goldens did not pass (\(report.failed) failed, "
                    + "\(report.stale) stale, \(report.broken) broken)",
                details: failing.flatMap { $0.text.split(separator: "\n").map(String.init) })
        }
    }
}

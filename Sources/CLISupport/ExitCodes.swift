import ArgumentParser

/// Exit codes scripts can rely on.
///
/// | code | meaning |
/// |---|---|
/// | 0 | success; replay identical |
/// | 1 | divergence, or a run broke an invariant |
/// | 2 | bad input: scenario, trace or arguments |
/// | 3 | fuzzing found liveness failures only |
/// | 64 | usage error found by argument parsing |
package enum VoiceSimExit {
    package static let success = ExitCode(0)
    package static let failure = ExitCode(1)
    package static let badInput = ExitCode(2)
    package static let livenessOnly = ExitCode(3)
    package static let usage = ExitCode(64)

    /// The table's entry for `code`, an exit code a library report computed (`RegressionReport`):
    /// every code the process exits with is one of the table's.
    package static func entry(_ code: Int32) -> ExitCode {
        switch code {
        case 0: success
        case 1: failure
        case 2: badInput
        case 3: livenessOnly
        default: preconditionFailure("exit code \(code) is not in the table")
        }
    }
}

/// Prints `message` to standard error.
package func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}

package struct StandardError: TextOutputStream {
    package init() {}

    package mutating func write(_ string: String) {
        FileHandleLite.writeToStandardError(string)
    }
}

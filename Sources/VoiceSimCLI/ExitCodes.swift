import ArgumentParser

/// Exit codes scripts can rely on.
///
/// | code | meaning |
/// |---|---|
/// | 0 | success; replay identical |
/// | 1 | divergence, or a run broke an invariant |
/// | 2 | bad input: scenario, trace or arguments |
/// | 64 | usage error found by argument parsing |
enum VoiceSimExit {
    static let success = ExitCode(0)
    static let failure = ExitCode(1)
    static let badInput = ExitCode(2)
}

/// Prints `message` to standard error.
func printError(_ message: String) {
    var standardError = StandardError()
    print(message, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleLite.writeToStandardError(string)
    }
}

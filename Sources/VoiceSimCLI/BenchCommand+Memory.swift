import CLISupport
import VoiceCore
import VoiceSim

extension BenchCommand {
    /// Users in the memory measurement's crowded scenario.
    static let crowdUsers = 1_000

    /// Peak resident memory per simulated user: `voicesim run` on a generated scenario with
    /// `crowdUsers` callers, and on the same scenario with one, each in its own child process
    /// (so each peak is that run's alone). Per user is the difference over the extra users,
    /// which leaves out start-up and everything a run holds once whatever its size.
    func memoryMeasurements() throws -> [(String, JSONValue, String)] {
        guard let binary = ChildProcess.ownExecutable else {
            printError("note: cannot find this executable; memory per user left out")
            return []
        }
        let one = try crowdRun(binary, users: 1)
        let crowd = try crowdRun(binary, users: BenchCommand.crowdUsers)
        let extraUsers = Double(BenchCommand.crowdUsers - 1)
        let perUserKiB = Double(max(0, crowd.peakResidentBytes - one.peakResidentBytes)) / extraUsers / 1_024
        return [
            ("peakResidentKiBPerUser", .number(perUserKiB, decimals: 1),
             "KiB peak resident per user (\(BenchCommand.crowdUsers)-user run minus a 1-user run, per extra user)"),
            ("thousandUsersPeakResidentMiB", .number(Double(crowd.peakResidentBytes) / 1_048_576, decimals: 1),
             "MiB peak resident, whole process: voicesim run of \(BenchCommand.crowdUsers) users"),
            ("oneUserPeakResidentMiB", .number(Double(one.peakResidentBytes) / 1_048_576, decimals: 1),
             "MiB peak resident, whole process: the same scenario with 1 user"),
            ("thousandUsersWallSeconds", .number(crowd.wallSeconds, decimals: 2),
             "s wall, whole process: voicesim run of \(BenchCommand.crowdUsers) users"),
        ]
    }

    /// Writes the crowd scenario with `users` callers to a scratch file and runs it in a child.
    private func crowdRun(_ binary: String, users: Int) throws -> ChildProcess.Usage {
        let path = TemporaryTrace.path("bench-crowd-\(users)").replacingSuffix(".sqlite", with: ".yaml")
        defer { TemporaryTrace.remove(path) }
        try FileHandleLite.writeFile(BenchCommand.crowdScenario(users: users).yaml, to: path)
        let arguments = ["run", path, "--json"]
        guard let usage = ChildProcess.runMeasured(binary, arguments), usage.status == 0 else {
            printError("error: bench: \(binary) \(arguments.joined(separator: " ")) failed")
            throw VoiceSimExit.failure
        }
        return usage
    }

    /// `users` callers on a good network, each saying one sentence 1.5 s into a 30 s run.
    static func crowdScenario(users: Int) -> Scenario {
        guard var scenario = BuiltinScenarios.named("v2-nominal") else {
            preconditionFailure("built-in v2-nominal is missing")
        }
        scenario.name = "bench-crowd-\(users)"
        scenario.description = "\(users) callers with one sentence each (bench: memory per user)"
        scenario.durationMicros = 30_000_000
        let sentence = UserScript.Utterance(
            "Hi there, can you help me plan dinner for tonight?", start: .at(Instant(micros: 1_500_000)))
        scenario.users = (1...users).map { UserScript(id: "caller-\($0)", utterances: [sentence]) }
        return scenario
    }
}

extension String {
    /// `self` with `suffix` replaced by `replacement` when it ends with `suffix`.
    fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}

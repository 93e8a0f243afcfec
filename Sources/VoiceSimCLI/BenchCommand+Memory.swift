import CLISupport
import VoiceCore
import VoiceSim

extension BenchCommand {
    /// Users in the memory measurement's crowded scenario.
    static let crowdUsers = 1_000

    /// Peak resident memory per simulated user: a generated scenario with `crowdUsers` callers,
    /// and the same with one, each run in its own child process (`bench --crowd-child N`, which
    /// reports its own peak), so each peak is that run's alone. Per user is the difference over
    /// the extra users, which leaves out start-up and everything a run holds whatever its size.
    func memoryMeasurements() throws -> [(String, JSONValue, String)] {
        guard let binary = ChildProcess.ownExecutable else {
            printError("note: cannot find this executable; memory per user left out")
            return []
        }
        let one = try crowdRun(binary, users: 1)
        let crowd = try crowdRun(binary, users: BenchCommand.crowdUsers)
        let extraUsers = Double(BenchCommand.crowdUsers - 1)
        let perUserKiB = Double(max(0, crowd.peakKiB - one.peakKiB)) / extraUsers
        return [
            ("peakResidentKiBPerUser", .number(perUserKiB, decimals: 1),
             "KiB peak resident per user (\(BenchCommand.crowdUsers)-user run minus a 1-user run, per extra user)"),
            ("thousandUsersPeakResidentMiB", .number(Double(crowd.peakKiB) / 1_024, decimals: 1),
             "MiB peak resident, whole process: a run of \(BenchCommand.crowdUsers) users"),
            ("oneUserPeakResidentMiB", .number(Double(one.peakKiB) / 1_024, decimals: 1),
             "MiB peak resident, whole process: the same scenario with 1 user"),
            ("thousandUsersWallSeconds", .number(crowd.wallSeconds, decimals: 2),
             "s wall, whole process: a run of \(BenchCommand.crowdUsers) users"),
        ]
    }

    /// Runs the crowd scenario with `users` callers in a child process; its peak and wall time.
    private func crowdRun(_ binary: String, users: Int) throws -> (peakKiB: Int, wallSeconds: Double) {
        let arguments = ["bench", "--crowd-child", String(users)]
        guard let child = ChildProcess.runCapturingOutput(binary, arguments), child.status == 0,
            let peakKiB = Int(child.output.filter { $0 >= "0" && $0 <= "9" }), peakKiB > 0
        else {
            printError("error: bench: \(binary) \(arguments.joined(separator: " ")) failed")
            throw VoiceSimExit.failure
        }
        return (peakKiB, child.wallSeconds)
    }

    /// The child side of `memoryMeasurements`: runs the crowd scenario as `voicesim run` does
    /// (no observer, summaries only) and prints this process's peak resident KiB.
    func runCrowdChild(users: Int) {
        var simulation = Simulation(scenario: BenchCommand.crowdScenario(users: users))
        simulation.keepsAudioSamples = false
        _ = simulation.run()
        print(PeakResidentMemory.bytes() / 1_024)
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

import CLISupport
import VoiceSim
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BenchCommand {
    /// Times `voicesim` itself as a user runs it, start-up included: the scenario run, the same
    /// call recorded with full audio, that recording replayed, and `--help` (the start-up floor).
    /// Each is the median of `repetitions` processes of this same executable.
    func wholeProcessMeasurements(inProcessMillis: Double) throws -> [(String, JSONValue, String)] {
        guard let binary = ChildProcess.ownExecutable else {
            printError("note: cannot find this executable; whole-process times left out")
            return []
        }
        let trace = TemporaryTrace.path("bench-process")
        defer { TemporaryTrace.remove(trace) }
        let run = try medianMillis(binary, ["run", scenario, "--json"])
        let record = try medianMillis(binary, ["run", scenario, "--json", "--record", trace, "--audio", "full"]) {
            TemporaryTrace.remove(trace)
        }
        let replay = try medianMillis(binary, ["replay", trace])
        let help = try medianMillis(binary, ["--help"])
        return [
            ("wallMs", .number(inProcessMillis, decimals: 2), "ms in-process simulation (median), as wallMillisMedian"),
            ("wholeProcessMs", .number(run, decimals: 2), "ms whole process: voicesim run \(scenario) --json (median)"),
            ("startUpMs", .number(run - inProcessMillis, decimals: 2), "ms of the whole process outside the simulation"),
            ("wholeProcessRecordFullMs", .number(record, decimals: 2),
             "ms whole process: the same run recorded with --record --audio full (median)"),
            ("wholeProcessReplayMs", .number(replay, decimals: 2),
             "ms whole process: voicesim replay of that recording (median)"),
            ("wholeProcessHelpMs", .number(help, decimals: 2), "ms whole process: voicesim --help (median)"),
        ]
    }

    /// The median wall time of running `binary arguments` `repetitions` times; `before` runs
    /// ahead of each, untimed. A failing run stops the bench.
    private func medianMillis(_ binary: String, _ arguments: [String], before: () -> Void = {}) throws -> Double {
        var millis: [Double] = []
        for _ in 0..<repetitions {
            before()
            let started = FileHandleLite.monotonicSeconds()
            let status = ChildProcess.run(binary, arguments)
            millis.append((FileHandleLite.monotonicSeconds() - started) * 1_000)
            guard status == 0 else {
                printError("error: bench: \(binary) \(arguments.joined(separator: " ")) exited with \(status.map(String.init) ?? "no start")")
                throw VoiceSimExit.failure
            }
        }
        return BenchCommand.median(millis)
    }
}

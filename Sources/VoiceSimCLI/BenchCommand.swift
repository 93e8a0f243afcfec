import ArgumentParser
import CLISupport
import Recorder
import VoiceCore
import VoiceSim
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure simulation speed (and trace size and replay speed) on the 10-minute call.",
        discussion: "Numbers are only meaningful from a release build: swift run -c release voicesim bench"
    )

    @Option(help: "Timed repetitions per measurement; the median is reported.")
    var repetitions = 7

    @Option(help: "The scenario to measure.")
    var scenario = "v2-ten-minute-call"

    @Flag(help: "Print one JSON object.")
    var json = false

    @Option(help: "One-minute calls of the population run to time (0 skips it).")
    var populationCalls = 10_000

    @Option(help: "Threads for the population run (default: every core).")
    var jobs: Int?

    /// Set by `bench` itself for its memory measurement's child processes (BenchCommand+Memory.swift).
    @Option(help: .hidden)
    var crowdChild: Int?

    func validate() throws {
        guard repetitions >= 1 && repetitions <= 1_000 else { throw ValidationError("--repetitions must be 1...1000.") }
        guard populationCalls >= 0 else { throw ValidationError("--population-calls must be 0 or more.") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if let crowdChild, crowdChild < 1 { throw ValidationError("--crowd-child must be at least 1.") }
    }

    func run() throws {
        if let crowdChild { return runCrowdChild(users: crowdChild) }
        let loaded = try ScenarioOptions.loadScenario(scenario)
        var measurements: [(String, JSONValue, String)] = []
        var wall: [Double] = []
        var result: SimulationResult?
        for _ in 0..<repetitions {
            var simulation = Simulation(scenario: loaded)
            simulation.keepsAudioSamples = false
            let started = FileHandleLite.monotonicSeconds()
            let run = simulation.run()
            wall.append(FileHandleLite.monotonicSeconds() - started)
            if let previous = result, previous.digest != run.digest {
                printError("error: repetition gave digest \(run.digestHex) after \(previous.digestHex): not deterministic")
                throw VoiceSimExit.failure
            }
            result = run
        }
        guard let result else { return }
        let median = BenchCommand.median(wall)
        let simulatedSeconds = Double(result.simulatedMicros) / 1_000_000
        measurements.append(("simulatedSeconds", .number(simulatedSeconds, decimals: 1), "s simulated"))
        measurements.append(("wallMillisMedian", .number(median * 1_000, decimals: 2), "ms wall (median)"))
        measurements.append(("wallMillisMin", .number((wall.min() ?? 0) * 1_000, decimals: 2), "ms wall (min)"))
        measurements.append(("realTimeFactor", .number(simulatedSeconds / median, decimals: 0), "× real time"))
        measurements.append(("events", .int(Int64(result.events)), "events"))
        measurements.append(("eventsPerSecond", .number(Double(result.events) / median, decimals: 0), "events/s"))
        measurements.append(("peakResidentMiB", .number(Double(FileHandleLite.peakResidentBytes()) / 1_048_576,
                                                        decimals: 1), "MiB peak resident"))
        measurements.append(("digest", .string(result.digestHex), "digest (same every repetition)"))
        measurements += try traceMeasurements(loaded, simulatedSeconds: simulatedSeconds)
        if populationCalls > 0 { measurements += populationMeasurements() }
        measurements += try memoryMeasurements()
        measurements += try wholeProcessMeasurements(inProcessMillis: median * 1_000)
        #if DEBUG
        measurements.append(("build", .string("debug"), "build: debug — use -c release for real numbers"))
        #else
        measurements.append(("build", .string("release"), "build"))
        #endif
        if json {
            print(JSONValue.object([("scenario", .string(loaded.name)), ("repetitions", .int(Int64(repetitions)))]
                + measurements.map { ($0.0, $0.1) }).rendered())
        } else {
            print("bench \(loaded.name), \(repetitions) repetitions")
            for (_, value, label) in measurements { print("  \(value.rendered(indent: nil).replacingQuotes)  \(label)") }
        }
    }

    /// Records the scenario with hash-only and with full audio, then times replaying each.
    private func traceMeasurements(_ scenario: Scenario, simulatedSeconds: Double) throws -> [(String, JSONValue, String)] {
        var rows: [(String, JSONValue, String)] = []
        for mode in [SessionRecorder.AudioMode.hash, .full] {
            let path = TemporaryTrace.path("bench-\(mode.rawValue)")
            TemporaryTrace.remove(path)
            defer { TemporaryTrace.remove(path) }
            do {
                let started = FileHandleLite.monotonicSeconds()
                let (_, id, _) = try Simulation.runRecording(scenario: scenario, path: path, audio: mode)
                let recordSeconds = FileHandleLite.monotonicSeconds() - started
                // What a user would ship: the file after its WAL is folded in.
                try SQLiteDatabase(path: path, flags: .readWrite).execute("PRAGMA wal_checkpoint(TRUNCATE)")
                let fileBytes = TemporaryTrace.fileBytes(path)
                let reader = try TraceReader(path: path)
                let session = try reader.session(id: id)
                var replaySeconds: [Double] = []
                for _ in 0..<repetitions {
                    let replayStarted = FileHandleLite.monotonicSeconds()
                    let report = try Replayer().replay(reader, session: id)
                    replaySeconds.append(FileHandleLite.monotonicSeconds() - replayStarted)
                    guard report.isIdentical else {
                        printError("error: bench replay of its own \(mode.rawValue) trace diverged")
                        throw VoiceSimExit.failure
                    }
                }
                let stored = session.storedBytes + session.audioStoredBytes
                let replay = BenchCommand.median(replaySeconds)
                let name = mode.rawValue.prefix(1).uppercased() + mode.rawValue.dropFirst()
                rows.append(("trace\(name)KB", .number(Double(stored) / 1_000, decimals: 1),
                             "kB stored, --audio \(mode.rawValue) (\(session.eventCount) events)"))
                rows.append(("\(mode.rawValue)TraceBytes", .int(fileBytes),
                             "bytes of the trace file after a checkpoint, --audio \(mode.rawValue)"))
                if mode == .full {
                    let pcmBytes = try reader.audioTotals(session: id).pcmBytes
                    let ratio = Double(stored) / Double(max(1, pcmBytes))
                    rows.append(("traceFullToRawPCM", .number(ratio, decimals: 3),
                                 "× the raw PCM it holds (\(pcmBytes / 1_000) kB)"))
                }
                rows.append(("record\(name)Millis", .number(recordSeconds * 1_000, decimals: 1),
                             "ms to simulate and record, --audio \(mode.rawValue)"))
                rows.append(("replay\(name)Millis", .number(replay * 1_000, decimals: 2),
                             "ms to replay (median, SQLite reads and inflate included), --audio \(mode.rawValue)"))
                rows.append(("replay\(name)RealTimeFactor", .number(simulatedSeconds / replay, decimals: 0),
                             "× real time replaying, --audio \(mode.rawValue)"))
            } catch let error as TraceError {
                printError("error: \(error)")
                throw VoiceSimExit.failure
            } catch let error as SQLiteError {
                printError("error: checkpointing \(path): \(error)")
                throw VoiceSimExit.failure
            }
        }
        return rows
    }

    /// Times a population run of one-minute calls on every core (the goal: 10,000 in under 10 s).
    private func populationMeasurements() -> [(String, JSONValue, String)] {
        let threads = jobs ?? ParallelMap.processorCount
        let started = FileHandleLite.monotonicSeconds()
        let run = PopulationRun.run(.oneMinuteCalls, calls: populationCalls, jobs: threads)
        let seconds = FileHandleLite.monotonicSeconds() - started
        let simulated = run.calls.filter { $0.digest != nil }.count
        return [
            ("populationCalls", .int(Int64(simulated)), "one-minute calls simulated (population run)"),
            ("populationJobs", .int(Int64(threads)), "jobs"),
            ("populationWallSeconds", .number(seconds, decimals: 2), "s wall for the population run, report included"),
            ("populationCallsPerSecond", .number(Double(simulated) / seconds, decimals: 0), "calls/s"),
        ]
    }


    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

extension String {
    fileprivate var replacingQuotes: String { filter { $0 != "\"" } }

    /// The first occurrence of `target` replaced (enough for file names; no Foundation).
    fileprivate func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return self[..<range.lowerBound] + replacement + self[range.upperBound...]
    }
}

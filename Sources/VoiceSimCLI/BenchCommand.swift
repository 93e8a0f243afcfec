import ArgumentParser
import VoiceCore
import VoiceSim

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

    func validate() throws {
        guard repetitions >= 1 && repetitions <= 1_000 else { throw ValidationError("--repetitions must be 1...1000.") }
    }

    func run() throws {
        let loaded = try ScenarioOptions.loadScenario(scenario)
        var measurements: [(String, JSONValue, String)] = []
        var wall: [Double] = []
        var result: SimulationResult?
        for _ in 0..<repetitions {
            var simulation = Simulation(scenario: loaded)
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

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

extension String {
    fileprivate var replacingQuotes: String { filter { $0 != "\"" } }
}

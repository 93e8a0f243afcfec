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

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Reproduce the seed's V1 vs V2 comparison in simulation, plus V2 on a flaky network."
    )

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Option(help: "Record the three calls into this SQLite trace (default: a new file in the temporary folder).")
    var trace: String?

    static let columns: [(title: String, scenario: String)] = [
        ("V1 (sequential)", "v1-nominal"), ("V2 (streaming)", "v2-nominal"), ("V2, flaky network", "v2-flaky-network"),
    ]

    func run() throws {
        let path = trace ?? TemporaryTrace.path("demo")
        var results: [SimulationResult] = []
        var sessions: [Int64] = []
        for column in DemoCommand.columns {
            guard let scenario = BuiltinScenarios.named(column.scenario) else {
                preconditionFailure("built-in scenario \(column.scenario) is missing")
            }
            let started = FileHandleLite.monotonicSeconds()
            do {
                var (result, session, _) = try Simulation.runRecording(scenario: scenario, path: path, audio: .hash)
                result.wallSeconds = FileHandleLite.monotonicSeconds() - started
                results.append(result)
                sessions.append(session)
            } catch {
                printError("error: recording \(column.scenario) into \(path): \(error)")
                throw VoiceSimExit.badInput
            }
        }
        let replays = try DemoCommand.replay(path: path, sessions: sessions)
        if json {
            print(JSONValue.object([
                ("runs", .array(results.map(\.json))), ("trace", .string(path)),
                ("replays", .array(replays.map { .object([("session", .int($0.session)), ("identical", .bool($0.isIdentical)),
                                                          ("finalDigest", .string(hex16($0.finalDigest)))]) })),
            ]).rendered())
        } else {
            print(DemoCommand.table(results))
            print("")
            print("Recorded the three calls in \(path) and replayed them from the trace:")
            for (report, result) in zip(replays, results) {
                let verdict = report.isIdentical ? "identical" : "DIVERGED"
                print("  session \(report.session) \(result.scenario): \(verdict), \(report.eventsReplayed) events, "
                    + "digest \(hex16(report.finalDigest))")
            }
            print("Inspect with `voicesim inspect \(path)`, replay with `voicesim replay \(path) --all`.")
        }
        if results.contains(where: { !$0.invariantViolations.isEmpty }) || replays.contains(where: { !$0.isIdentical }) {
            throw VoiceSimExit.failure
        }
    }

    static func replay(path: String, sessions: [Int64]) throws -> [ReplayReport] {
        do {
            let reader = try TraceReader(path: path)
            var reports: [ReplayReport] = []
            for session in sessions { reports.append(try Replayer().replay(reader, session: session)) }
            return reports
        } catch {
            printError("error: replaying \(path): \(error)")
            throw VoiceSimExit.badInput
        }
    }


    static func table(_ results: [SimulationResult]) -> String {
        func seconds(_ micros: Int64) -> String { formatFixed(Double(micros) / 1_000_000, decimals: 2) + " s" }
        let seed = ["8.4 s / < 2 s", "2.6 s / 0.3 s", "3.3 s / < 1 s", "2.0 s / 0.4 s", "— / < 4 s", "— / > 99%",
                    "$0.245 / $0.245"]
        var rows: [[String]] = []
        let metrics: [(String, (SimulationResult) -> String)] = [
            ("voice-to-voice, mean", { seconds($0.voiceToVoice.meanMicros) }),
            ("speech end → LLM start (STT)", { seconds($0.breakdownMeansMicros.stt) }),
            ("LLM first token", { seconds($0.breakdownMeansMicros.llmFirstToken) }),
            ("TTS first audio", { seconds($0.breakdownMeansMicros.ttsFirstAudio) }),
            ("voice-to-voice, p95", { seconds($0.voiceToVoice.p95Micros) }),
            ("turns answered", { "\($0.answeredTurns)/\($0.turns.count)" }),
            ("cost per call", { formatUSD(microUSD: $0.costMicroUSD / Int64(max(1, $0.usages.count))) }),
        ]
        for (index, metric) in metrics.enumerated() {
            rows.append([metric.0, seed[index]] + results.map(metric.1))
        }
        rows.append(["interruptions / reconnects", "—"] + results.map { "\($0.interruptions) / \($0.reconnects)" })
        rows.append(["lost mic audio", "—"] + results.map { "\($0.lostAudioMicros / 1_000) ms" })
        rows.append(["digest", "—"] + results.map(\.digestHex))
        let header = ["metric", "seed V1 / V2"] + columns.map(\.title)
        let v1 = results[0].voiceToVoice.meanMicros
        let v2 = results[1].voiceToVoice.meanMicros
        var lines = Table(header: header, rows: rows).lines
        lines.append("")
        lines.append("V2 answers \(formatFixed(Double(v1) / Double(max(1, v2)), decimals: 1))× faster than V1 "
            + "(seed: 8.4 s → < 2 s). Each column is one deterministic run; `voicesim run <scenario>` shows its turns.")
        lines.append("Cost per call covers these short scripted calls; `voicesim run v2-ten-minute-call` prices a 10-minute call.")
        return lines.joined(separator: "\n")
    }
}

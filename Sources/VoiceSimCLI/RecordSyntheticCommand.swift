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

/// Records a scenario as `run --record` does, optionally slowed down after every input and
/// with small chunks, so the recorder's crash test can kill the process mid-recording.
struct RecordSyntheticCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record-synthetic",
        abstract: "Record a scenario slowly, chunk by chunk, into a trace (for the recorder's crash test).",
        shouldDisplay: false
    )

    @Argument(help: "The SQLite trace file (created when missing).")
    var trace: String

    @Option(help: "A built-in scenario name or a scenario file.")
    var scenario = "v2-nominal"

    @Option(help: "Store audio in full or as summaries.")
    var audio: AudioModeArgument = .full

    @Option(help: "Commit a chunk every this many raw bytes.")
    var chunkBytes = 64 << 10

    @Option(help: "Sleep this long after each input, so the process can be killed mid-recording.")
    var delayMicros: UInt32 = 0

    func validate() throws {
        guard chunkBytes >= 1 else { throw ValidationError("--chunk-bytes must be at least 1.") }
    }

    func run() throws {
        let loaded = try ScenarioOptions.loadScenario(scenario)
        var options = TraceWriter.Options.simulation
        options.chunkRawBytesTarget = chunkBytes
        do {
            let recorded = try Simulation.runRecording(
                scenario: loaded, path: trace, audio: audio.mode, next: Pause(micros: delayMicros), options: options)
            print("session \(recorded.sessionID): finished \(recorded.result.events) events")
        } catch {
            printError("error: \(sanitizedForTerminal("\(error)"))")
            throw VoiceSimExit.badInput
        }
    }
}

/// Sleeps after every input: the recording goes at a pace a test can interrupt.
private final class Pause: SimulationObserver {
    let micros: UInt32

    init(micros: UInt32) { self.micros = micros }

    func simulation(
        lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest
    ) {
        if micros > 0 { usleep(micros) }
    }

    func simulation(lane: Int, mark: SimulationMark, at time: Instant) {}
}

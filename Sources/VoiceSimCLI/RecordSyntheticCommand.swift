import ArgumentParser
import CLISupport
import Recorder
import VoiceCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Records a synthetic call (no simulator): the recorder's crash test kills it mid-run.
struct RecordSyntheticCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record-synthetic",
        abstract: "Record a scripted synthetic call into a trace (for recorder tests).",
        shouldDisplay: false
    )

    @Argument(help: "The SQLite trace file (created when missing).")
    var trace: String

    @Option(help: "Seed of the call.")
    var seed: UInt64 = 1

    @Option(help: "Call length in simulated seconds.")
    var seconds: Int64 = 60

    @Option(help: "Store audio in full or as summaries.")
    var audio: AudioModeArgument = .full

    @Option(help: "Commit a chunk every this many raw bytes.")
    var chunkBytes = 64 << 10

    @Option(help: "Sleep this long after each event, so the process can be killed mid-recording.")
    var delayMicros: UInt32 = 0

    func validate() throws {
        guard (1...86_400).contains(seconds) else { throw ValidationError("--seconds must be 1...86400.") }
        guard chunkBytes >= 1 else { throw ValidationError("--chunk-bytes must be at least 1.") }
    }

    func run() throws {
        var call = SyntheticCall(seed: seed, durationMicros: seconds * 1_000_000)
        do {
            let writer = try TraceWriter(path: trace, options: .init(chunkRawBytesTarget: chunkBytes))
            let recorder = try SessionRecorder(
                writer: writer,
                header: SessionHeader(
                    origin: .sim, scenarioName: "synthetic", seed: seed, codeVersion: "record-synthetic"),
                lanes: [call.setup], audio: audio.mode)
            print("session \(recorder.sessionID)")
            fflush(nil)
            var events = 0
            var tally = SummaryTally()
            while let step = call.next() {
                events += 1
                tally.add(step.output)
                try recorder.record(
                    input: step.input, output: step.output, at: step.time, digestAfter: step.digestAfter)
                if delayMicros > 0 { usleep(delayMicros) }
            }
            try recorder.finish(tally.summary(ended: Instant(micros: seconds * 1_000_000), lanes: [call.machines]))
            print("finished \(events) events")
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
    }
}

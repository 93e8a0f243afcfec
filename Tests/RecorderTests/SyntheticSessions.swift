import Recorder
import TestSupport
import VoiceCore

/// A finished session recorded from a synthetic call; returns its id and the steps recorded.
func recordSynthetic(
    path: String, seed: UInt64, durationMicros: Int64 = 40_000_000, audio: SessionRecorder.AudioMode,
    setup: LaneSetup? = nil, options: TraceWriter.Options = .init(), checkpointInterval: Int64 = 100
) throws -> (id: Int64, steps: [SyntheticStep], call: SyntheticCall) {
    var call = SyntheticCall(seed: seed, durationMicros: durationMicros, setup: setup)
    let writer = try TraceWriter(path: path, options: options)
    let recorder = try SessionRecorder(
        writer: writer, header: SessionHeader(origin: .sim, scenarioName: "synthetic", seed: seed, codeVersion: "test"),
        lanes: [call.setup], audio: audio, checkpointInterval: checkpointInterval)
    var steps: [SyntheticStep] = []
    var tally = SummaryTally()
    while let step = call.next() {
        try recorder.record(input: step.input, output: step.output, at: step.time, digestAfter: step.digestAfter)
        tally.add(step.output)
        steps.append(step)
    }
    try recorder.finish(tally.summary(ended: steps.last?.time ?? .zero, lanes: [call.machines]))
    return (recorder.sessionID, steps, call)
}

/// The case name of an input, e.g. `server.received.hello`, for checking what a call covers.
func kind(of input: MachineInput) -> String {
    let text = input.readableDescription
    let parts = text.split(separator: " ", maxSplits: 4)
    let machine = parts.count > 2 ? parts[2] : ""
    let event = parts.count > 4 ? parts[4] : ""
    let name = event.prefix { $0 != "(" }
    var detail = ""
    if let open = event.firstIndex(of: "(") {
        detail = "." + event[event.index(after: open)...].prefix { $0 != "(" && $0 != ")" && $0 != ":" && $0 != "," }
    }
    return "\(machine).\(name)\(detail)"
}

import Foundation
import Recorder
import VoiceCore
import VoiceSim

/// `voicesim bench live`: many concurrent calls against an in-process server on loopback.
public enum LiveBench {
    /// One load run: the same calls, recorded or not.
    public struct Phase: Sendable {
        public var sessions: Int
        public var recorded: Bool
        /// Calls that stayed connected from welcome to hang-up and ended normally.
        public var sessionsHeld: Int
        /// Server-side wait and work per inbox item (queued → effects handed off), in ms.
        public var serverAddedP50Millis: Double
        public var serverAddedP95Millis: Double
        public var inboxItems: Int
        public var wallSeconds: Double
        /// CPU of the whole process (server, providers and clients) over the run.
        public var cpuSeconds: Double
        public var cpuPerSessionPercent: Double { cpuSeconds / wallSeconds * 100 / Double(max(1, sessions)) }
        public var traceBytes: Int64
    }

    /// Runs `sessions` calls of `seconds` each against a fresh server (recording to `tracePath`
    /// when given). Each caller speaks short sentences back to back without waiting for answers.
    public static func run(
        sessions: Int, seconds: Int64, providers: any ProviderFactory, tracePath: String?
    ) async throws -> Phase {
        let probe = LatencyProbe()
        let traces = tracePath.map { TraceStore(path: $0, audio: .hash, report: { print("bench: \($0)") }) }
        let server = LiveServer(
            options: LiveServerOptions(
                host: "127.0.0.1", port: 0, token: "bench", limits: ServerLimits(sessionsMax: sessions + 10),
                traces: traces, providers: providers, latencyProbe: probe))
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let serving = Task { try await server.run { portSink.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ProviderUnavailable(description: "the server did not start") }
        let cpuBefore = processCPUSeconds()
        let started = ContinuousClock.now
        let reports = await withTaskGroup(of: CallReport.self) { group in
            for index in 0..<sessions {
                group.addTask {
                    // Spread the connects over the first second, as real callers would arrive.
                    try? await Task.sleep(for: .milliseconds(Int64(index * 1_000 / max(1, sessions))))
                    var client = ClientConfig()
                    client.userID = "bench-\(index)"
                    return await LiveCall.run(
                        CallOptions(
                            url: "ws://127.0.0.1:\(port)/api/voice-v2", token: "bench",
                            mic: .script(script(seconds: seconds), seed: UInt64(index) + 1), client: client,
                            seed: UInt64(index) + 1, maxMicros: seconds * 1_000_000, captions: false))
                }
            }
            var reports: [CallReport] = []
            for await report in group { reports.append(report) }
            return reports
        }
        let wall = SessionClock.micros(started.duration(to: .now))
        let cpu = processCPUSeconds() - cpuBefore
        await server.shutdown()
        try await serving.value
        let held = reports.filter { $0.finalState == "ended" && $0.reconnectAttempts == 0 && $0.sessionRestarts == 0 }
        return Phase(
            sessions: sessions, recorded: tracePath != nil, sessionsHeld: held.count,
            serverAddedP50Millis: Double(probe.percentile(50) ?? 0) / 1_000,
            serverAddedP95Millis: Double(probe.percentile(95) ?? 0) / 1_000, inboxItems: probe.count,
            wallSeconds: Double(wall) / 1_000_000, cpuSeconds: cpu,
            traceBytes: tracePath.map { TraceRotation.fileBytes($0) + TraceRotation.fileBytes($0 + "-wal") } ?? 0)
    }

    /// Sentences one after another for about `seconds`.
    static func script(seconds: Int64) -> UserScript {
        let sentences = ["hello there how are you", "tell me about the weather", "what should I cook tonight"]
        var utterances: [UserScript.Utterance] = []
        for index in 0..<max(1, Int(seconds / 3)) {
            utterances.append(.init(sentences[index % sentences.count],
                                    start: index == 0 ? .at(.millis(300)) : .afterPrevious(pauseMicros: 900_000)))
        }
        return UserScript(id: "bench", utterances: utterances)
    }

    /// User plus system CPU time of this process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1_000_000
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1_000_000
        return user + system
    }
}

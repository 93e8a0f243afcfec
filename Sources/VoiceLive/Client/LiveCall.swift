import Recorder
import VoiceCore
import VoiceSim

/// A call from this process: a `ClientAgent` driven on the wall clock by a `SessionDriver`,
/// with a mic paced in real time (one 100 ms chunk every 100 ms) and a speaker that keeps
/// what it played.
public enum LiveCall {
    /// Places the call and returns when it has ended (hung up, failed, or timed out).
    public static func run(_ options: CallOptions) async -> CallReport {
        let setup = LaneSetup(client: options.client, clientSeed: options.seed, server: ServerConfig(), serverSeed: 0)
        let recording = options.traces?.begin(
            header: SessionHeader(
                origin: .live, seed: options.seed, codeVersion: VoiceSimVersion.current,
                started: Instant(micros: UnixTime.micros()), pipeline: options.client.pipeline.description,
                metadataJSON: "{\"side\":\"client\",\"url\":\(jsonString(options.url)),\"clock\":\"unix-micros\"}"),
            lanes: [setup])
        let runtime = ClientRuntime(options: options, recording: recording)
        let clock = SessionClock(start: .now)
        let driver = SessionDriver(setup: setup, clock: clock, runtime: runtime, recording: recording,
                                   inbox: SessionDriver<ClientRuntime>.makeInbox())
        driver.arm(.runtime(ClientRuntime.callLimitTimer), at: Instant(micros: options.maxMicros))
        let inbox = driver.inbox
        inbox.deliver(.client(lane: driver.lane, .callStarted))
        let mic = Task {
            var index: UInt64 = 1
            while !Task.isCancelled {
                let due = clock.deadline(of: Instant(micros: Int64(index) * AudioFormat.micChunkMicros))
                do {
                    try await Task.sleep(until: due, clock: .continuous)
                } catch {
                    return
                }
                inbox.notify(.micTick(index))
                index += 1
            }
        }
        await driver.run()
        mic.cancel()
        var report = runtime.report(driver.machines, driver: driver)
        if let recording {
            let agent = driver.machines.client
            let latencies = agent.metrics.voiceToVoiceMicros.sorted()
            let summary = SessionSummary(
                ended: driver.lastTime, finalDigest: driver.finalDigest, turnCount: Int64(report.turns.count),
                latencyMillisMean: latencies.isEmpty
                    ? nil : Double(latencies.reduce(0, +)) / Double(latencies.count) / 1_000,
                latencyMillisP95: latencies.isEmpty
                    ? nil : Double(latencies[(latencies.count * 95 + 99) / 100 - 1]) / 1_000,
                interruptionCount: Int64(agent.metrics.bargeIns), reconnectCount: Int64(agent.metrics.reconnectAttempts),
                lostAudioMillis: report.lostAudioMillis)
            report.trace = await recording.finish(summary, machines: driver.machines)
        }
        return report
    }
}

/// A JSON string literal.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

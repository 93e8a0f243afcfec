import Foundation
import Recorder
import VoiceCore
import VoiceSim

extension FidelitySide {
    /// Runs `scenario` live on loopback (stand-ins, server, fault proxy, one call per user, all
    /// at once) and measures the server's trace and the callers' agents.
    static func live(_ scenario: Scenario, log: @escaping @Sendable (String) -> Void) async throws -> FidelitySide {
        let setups = Simulation(scenario: scenario).laneSetups
        let userSeeds = Fidelity.userSeeds(scenario, setups: setups)
        let tracePath = NSTemporaryDirectory() + "voicesim-fidelity-\(UUID().uuidString).sqlite"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: tracePath + suffix) }
        }
        let traces = TraceStore(path: tracePath, audio: .hash, report: log)
        let standIns: StandIns
        do {
            standIns = try await StandIns.start(StandInConfiguration(seed: scenario.seed, profiles: scenario.providers))
        } catch {
            throw FidelityError("the provider stand-ins did not start: \(error)")
        }
        let token = "fidelity-" + String(scenario.seed, radix: 16)
        let server = LiveServer(
            options: LiveServerOptions(
                host: "127.0.0.1", port: 0, token: token, serverConfig: setups.first?.server ?? ServerConfig(),
                traces: traces, providers: LiveProviderFactory(endpoints: standIns.endpoints), log: log))
        let (ports, announce) = AsyncStream<Int>.makeStream()
        let serving = Task {
            defer { announce.finish() }
            try await server.run { announce.yield($0) }
        }
        var reports: [CallReport] = []
        do {
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                let ended = await serving.result
                throw FidelityError("the live server did not start: \(ended)")
            }
            let proxy = try await FaultProxy.start(
                FaultProxyOptions(
                    listenPort: 0, upstreamPort: port,
                    faults: FaultSchedule(scenario.faults.sortedByStart.filter { Fidelity.replayable($0.kind) }),
                    clock: .proxyStart, seed: scenario.seed, network: scenario.network, log: log))
            reports = await calls(
                scenario, setups: setups, userSeeds: userSeeds, url: "ws://127.0.0.1:\(proxy.port)/api/voice-v2",
                token: token, log: log)
            await proxy.close()
        } catch {
            await server.shutdown()
            _ = await serving.result
            await standIns.shutdown()
            throw error
        }
        await server.shutdown()
        _ = await serving.result
        await standIns.shutdown()
        await traces.drain()
        return try measured(tracePath: tracePath, reports: reports, thresholdEnergy: setups.first?.client.vad.thresholdEnergy)
    }

    /// Every user's call at once; reports in lane order.
    private static func calls(
        _ scenario: Scenario, setups: [LaneSetup], userSeeds: [UInt64], url: String, token: String,
        log: @escaping @Sendable (String) -> Void
    ) async -> [CallReport] {
        await withTaskGroup(of: (Int, CallReport).self) { group in
            for (lane, script) in scenario.users.enumerated() {
                let options = CallOptions(
                    url: url, token: token, mic: .script(script, seed: userSeeds[lane]), client: setups[lane].client,
                    seed: setups[lane].clientSeed, maxMicros: scenario.durationMicros, captions: false, log: log)
                group.addTask { (lane, await LiveCall.run(options)) }
            }
            var reports: [(Int, CallReport)] = []
            for await report in group { reports.append(report) }
            return reports.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// The server sessions of the trace at `tracePath` through `FidelityLaneMeter`, and the
    /// callers' voice to voice.
    private static func measured(tracePath: String, reports: [CallReport], thresholdEnergy: UInt32?) throws
        -> FidelitySide
    {
        let threshold = thresholdEnergy ?? VADConfig().thresholdEnergy
        var side = FidelitySide()
        do {
            let reader = try TraceReader(path: tracePath)
            for session in try reader.sessions() {
                var meter = FidelityLaneMeter(thresholdEnergy: threshold)
                for event in try reader.allEvents(session: session.id) {
                    guard case .server(_, let input) = event.input, case .server(let actions) = event.output else { continue }
                    meter.record(input, actions: actions, at: event.time)
                }
                side.add(meter: meter, voiceToVoiceMicros: [])
            }
        } catch {
            throw FidelityError("the live server's trace \(tracePath) could not be read: \(error)")
        }
        side.voiceToVoiceMicros = reports.flatMap(\.voiceToVoiceMicros)
        return side
    }
}

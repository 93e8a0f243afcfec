import ArgumentParser
import CLISupport
import Foundation
import VoiceLive
import VoiceSim

struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "A TCP proxy that injects a scenario's network faults into live traffic.",
        discussion: """
            Reads the fault schedule of a scenario file (or of a file holding only `faults:`) and applies \
            partitions, connection resets, stalls, latency spikes and cold starts to the TCP connections \
            it forwards, e.g. between voicesim call and voicesim serve. Provider faults and loss do not \
            apply to a TCP path and are ignored. Runs until SIGINT or SIGTERM.
            """
    )

    @Option(help: "host:port to listen on (port 0 picks a free one).")
    var listen: String

    @Option(help: "host:port to forward to.")
    var upstream: String

    @Option(help: "Scenario file (YAML or JSON) whose faults to inject.")
    var faults: String

    @Option(help: "Fault times count from: proxy (its start) or connection (each connection's start).")
    var timesFrom: FaultClockArgument = .proxy

    @Option(help: "Delay added to every chunk of bytes, in ms.")
    var latencyMs: Int64 = 0

    @Option(help: "Random extra delay per chunk, up to this many ms (order is kept).")
    var jitterMs: Int64 = 0

    @Option(help: "Seed of the jitter: the same seed gives every connection (by accept order) the same delays.")
    var seed: UInt64 = 1

    func validate() throws {
        _ = try ProxyCommand.address(listen, "--listen")
        _ = try ProxyCommand.address(upstream, "--upstream")
        guard latencyMs >= 0, jitterMs >= 0 else { throw ValidationError("--latency-ms and --jitter-ms must be >= 0.") }
    }

    func run() async throws {
        let schedule: FaultSchedule
        do {
            schedule = try FaultSchedule.load(file: faults)
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
        let (listenHost, listenPort) = try ProxyCommand.address(listen, "--listen")
        let (upstreamHost, upstreamPort) = try ProxyCommand.address(upstream, "--upstream")
        let proxy = try await FaultProxy.start(
            FaultProxyOptions(
                listenHost: listenHost, listenPort: listenPort, upstreamHost: upstreamHost, upstreamPort: upstreamPort,
                faults: schedule, clock: timesFrom.clock, baseLatencyMicros: latencyMs * 1_000,
                jitterMicros: jitterMs * 1_000, seed: seed, log: { printError($0) }))
        print("voicesim proxy: \(listenHost):\(proxy.port) → \(upstreamHost):\(upstreamPort), \(schedule.count) fault(s)")
        for fault in schedule.sortedByStart { print("  \(fault)") }
        FileHandleLite.flushOutput()
        await ProxyCommand.waitForSignal()
        await proxy.close()
    }

    static func address(_ text: String, _ flag: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port), colon != text.startIndex
        else { throw ValidationError("\(flag) must be host:port (got \(text)).") }
        return (String(text[..<colon]), port)
    }

    /// Returns on SIGINT or SIGTERM.
    static func waitForSignal() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let sources = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
        for await _ in stream { break }
        for source in sources { source.cancel() }
    }
}

/// `--times-from proxy|connection`.
enum FaultClockArgument: String, ExpressibleByArgument, CaseIterable {
    case proxy
    case connection

    var clock: FaultClock {
        switch self {
        case .proxy: .proxyStart
        case .connection: .connectionStart
        }
    }
}

import Foundation
import NIOCore
import NIOPosix
import VoiceCore
import VoiceSim

/// A TCP proxy that injects a scenario's network faults into real traffic (a WebSocket
/// between `voicesim call` and `voicesim serve`, or anything else over TCP), so an incident
/// can be tried both simulated and live.
///
/// Per fault kind: a partition resets every connection at its start and refuses (resets) new
/// ones until its end; a connectionReset resets every open connection (RST, SO_LINGER 0); a
/// stall holds the bytes that arrive during it until it ends; a latencySpike delays bytes
/// sent during it; a coldStart delays the upstream connect of connections opened during it.
/// Bytes keep their order in each direction whatever the delays.
public final class FaultProxy: Sendable {
    public let options: FaultProxyOptions
    private let channel: any Channel
    private let connections: ProxyConnections
    /// The port the proxy listens on.
    public let port: Int

    private init(options: FaultProxyOptions, channel: any Channel, connections: ProxyConnections) {
        self.options = options
        self.channel = channel
        self.connections = connections
        port = channel.localAddress?.port ?? 0
    }

    /// Starts listening; connections are proxied until `close()`.
    public static func start(_ options: FaultProxyOptions) async throws -> FaultProxy {
        let origin = NIODeadline.now()
        let registry = ProxyConnections()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { inbound in
                inbound.eventLoop.makeCompletedFuture {
                    try ProxyPair.accept(inbound, options: options, proxyOrigin: origin, registry: registry)
                }
            }
        let channel = try await bootstrap.bind(host: options.listenHost, port: options.listenPort).get()
        if options.clock == .proxyStart {
            for time in options.faults.connectionBreaks {
                _ = channel.eventLoop.scheduleTask(deadline: origin + .microseconds(time.micros)) {
                    let count = registry.resetAll()
                    options.log("proxy: t=\(time): reset \(count) connection(s)")
                }
            }
        }
        return FaultProxy(options: options, channel: channel, connections: registry)
    }

    /// Stops listening and cuts every connection it carries, as a proxy that goes away would.
    public func close() async {
        try? await channel.close()
        _ = connections.resetAll()
    }
}

/// The proxy's open connections, so a reset can reach all of them.
final class ProxyConnections: Sendable {
    private let channels = Locked<[ObjectIdentifier: any Channel]>([:])
    private let accepted = Locked<UInt64>(0)

    /// Tracks `channel`; a `counted` one (an accepted connection) gets the next number from 1,
    /// which seeds its jitter, so a rerun gives its n-th connection the same delays.
    @discardableResult
    func add(_ channel: any Channel, counted: Bool = true) -> UInt64 {
        let number: UInt64 = counted
            ? accepted.withLock { count in
                count += 1
                return count
            } : 0
        channels.withLock { $0[ObjectIdentifier(channel)] = channel }
        channel.closeFuture.whenComplete { _ in
            _ = self.channels.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) }
        }
        return number
    }

    /// Resets every open connection; returns how many.
    func resetAll() -> Int {
        let open = channels.withLock { Array($0.values) }
        for channel in open { ProxyPair.reset(channel) }
        return open.count
    }
}

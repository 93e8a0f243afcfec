import Foundation
import NIOCore
import NIOPosix
import VoiceCore
import VoiceSim

/// One proxied connection: the accepted socket, its upstream socket, and a forwarder for each
/// direction. Everything runs on the accepted socket's event loop.
enum ProxyPair {
    static func accept(
        _ inbound: any Channel, options: FaultProxyOptions, proxyOrigin: NIODeadline, registry: ProxyConnections
    ) throws {
        let origin = options.clock == .proxyStart ? proxyOrigin : NIODeadline.now()
        let now = micros(since: origin)
        if options.faults.isPartitioned(at: Instant(micros: now)) {
            options.log("proxy: refused a connection inside a partition")
            reset(inbound)
            return
        }
        let number = registry.add(inbound)
        // `down` reads the accepted socket and writes upstream; `up` reads upstream.
        let towardsServer = options.delay(upstream: true, connection: number)
        let towardsClient = options.delay(upstream: false, connection: number)
        let down = Forwarder(
            options: options, origin: origin, baseLatencyMicros: towardsServer.baseMicros, jitter: towardsServer.jitter)
        let up = Forwarder(
            options: options, origin: origin, baseLatencyMicros: towardsClient.baseMicros, jitter: towardsClient.jitter)
        try inbound.pipeline.syncOperations.addHandler(down)
        let coldMicros = options.faults.coldStartDelayMicros(at: Instant(micros: now))
        let loop = inbound.eventLoop
        let boundDown = NIOLoopBound(down, eventLoop: loop)
        let boundUp = NIOLoopBound(up, eventLoop: loop)
        let connect = {
            ClientBootstrap(group: loop)
                .channelInitializer { upstream in
                    upstream.eventLoop.makeCompletedFuture { try upstream.pipeline.syncOperations.addHandler(boundUp.value) }
                }
                .connect(host: options.upstreamHost, port: options.upstreamPort)
                .whenComplete { result in
                    switch result {
                    case .success(let upstream):
                        registry.add(upstream, counted: false)
                        boundUp.value.attach(inbound)
                        boundDown.value.attach(upstream)
                        if options.clock == .connectionStart { scheduleBreaks(inbound, upstream, options, origin) }
                    case .failure(let error):
                        options.log("proxy: upstream \(options.upstreamHost):\(options.upstreamPort): \(error)")
                        inbound.close(promise: nil)
                    }
                }
        }
        if coldMicros > 0 {
            loop.scheduleTask(in: .microseconds(coldMicros)) { connect() }
        } else {
            connect()
        }
    }

    private static func scheduleBreaks(_ inbound: any Channel, _ upstream: any Channel, _ options: FaultProxyOptions,
                                       _ origin: NIODeadline) {
        for time in options.faults.connectionBreaks where time.micros >= micros(since: origin) {
            inbound.eventLoop.scheduleTask(deadline: origin + .microseconds(time.micros)) {
                options.log("proxy: t=\(time) since the connection started: reset")
                reset(inbound)
                reset(upstream)
            }
        }
    }

    /// Closes with RST (SO_LINGER 0), as a broken network path looks to both ends.
    static func reset(_ channel: any Channel) {
        guard let provider = channel as? SocketOptionProvider else {
            channel.close(promise: nil)
            return
        }
        provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
    }

    static func micros(since origin: NIODeadline) -> Int64 {
        (NIODeadline.now() - origin).nanoseconds / 1_000
    }
}

/// Forwards the bytes one socket reads to its peer, delayed as the fault schedule says.
final class Forwarder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let options: FaultProxyOptions
    let origin: NIODeadline
    /// Every chunk's fixed delay in this direction.
    let baseLatencyMicros: Int64
    private(set) var peer: (any Channel)?
    /// Bytes read before the other side was connected, forwarded once it is.
    private var early: [(bytes: ByteBuffer, due: NIODeadline)] = []
    private var jitter: ProxyJitter
    /// When the latest chunk is (or was) delivered: later chunks never overtake it.
    private var lastDelivery = NIODeadline.uptimeNanoseconds(0)

    init(options: FaultProxyOptions, origin: NIODeadline, baseLatencyMicros: Int64, jitter: ProxyJitter) {
        self.options = options
        self.origin = origin
        self.baseLatencyMicros = baseLatencyMicros
        self.jitter = jitter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        let now = NIODeadline.now()
        let time = Instant(micros: (now - origin).nanoseconds / 1_000)
        let faults = options.faults
        if faults.isPartitioned(at: time) { return }
        var delayMicros = baseLatencyMicros + faults.extraLatencyMicros(at: time)
        delayMicros += jitter.next()
        var due = now + .microseconds(delayMicros)
        if let stallEnd = faults.stallEnd(at: time) { due = max(due, origin + .microseconds(stallEnd.micros)) }
        due = max(due, lastDelivery)
        lastDelivery = due
        guard let peer else {
            early.append((bytes, due))
            return
        }
        forward(bytes, due: due, to: peer, on: context.eventLoop)
    }

    /// The other side is connected: forward what arrived before, then everything as it comes.
    func attach(_ peer: any Channel) {
        self.peer = peer
        for (bytes, due) in early { forward(bytes, due: due, to: peer, on: peer.eventLoop) }
        early = []
    }

    private func forward(_ bytes: ByteBuffer, due: NIODeadline, to peer: any Channel, on loop: any EventLoop) {
        if due <= .now() {
            peer.writeAndFlush(bytes, promise: nil)
        } else {
            let sendable = NIOLoopBound(bytes, eventLoop: loop)
            loop.scheduleTask(deadline: due) { peer.writeAndFlush(sendable.value, promise: nil) }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // The other side goes too, after what is already scheduled for it.
        if let peer {
            context.eventLoop.scheduleTask(deadline: max(lastDelivery, .now())) { peer.close(promise: nil) }
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// How to build a lane's two machines: their configs and seeds. A trace stores one
/// per lane, so replay rebuilds exactly the machines that were recorded.
public struct LaneSetup: Equatable, Sendable {
    public var client: ClientConfig
    public var clientSeed: UInt64
    public var server: ServerConfig
    public var serverSeed: UInt64

    public init(client: ClientConfig, clientSeed: UInt64, server: ServerConfig, serverSeed: UInt64) {
        self.client = client
        self.clientSeed = clientSeed
        self.server = server
        self.serverSeed = serverSeed
    }
}

extension LaneSetup {
    /// Fresh machines in their initial state.
    public func makeMachines() -> LaneMachines {
        LaneMachines(client: ClientAgent(config: client, seed: clientSeed),
                     server: ServerSession(config: server, seed: serverSeed))
    }
}

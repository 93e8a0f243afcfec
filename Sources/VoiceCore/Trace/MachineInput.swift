/// One input to one of the two machines of a lane (a user's client and its server session).
///
/// A trace is the ordered list of these with their times: feeding them to fresh
/// machines built from the same configs and seeds reproduces every action.
public enum MachineInput: Equatable, Sendable {
    case client(lane: UInt32, ClientEvent)
    case server(lane: UInt32, ServerEvent)

    public var lane: UInt32 {
        switch self {
        case .client(let lane, _), .server(let lane, _): lane
        }
    }
}

/// The two machines of one lane, driven together so replay and simulation share one code path.
public struct LaneMachines: Sendable {
    public var client: ClientAgent
    public var server: ServerSession

    public init(client: ClientAgent, server: ServerSession) {
        self.client = client
        self.server = server
    }
}

/// What one machine emitted for one input.
public enum MachineOutput: Equatable, Sendable {
    case client([ClientAction])
    case server([ServerAction])
}

extension LaneMachines {
    /// Applies `input` to the machine it is for.
    public mutating func apply(_ input: MachineInput, at now: Instant) -> MachineOutput {
        switch input {
        case .client(_, let event): .client(client.handle(event, at: now))
        case .server(_, let event): .server(server.handle(event, at: now))
        }
    }

    /// Both machines' digests folded together.
    public var digest: UInt64 { client.digest.value &* 0x9E37_79B9_7F4A_7C15 ^ server.digest.value }
}

/// Digests of the state (not the outputs) of one lane's two machines, stored in trace
/// checkpoints so replay can name the first checkpoint where the state differs.
public struct LaneStateDigest: Equatable, Sendable {
    public var client: UInt64
    public var server: UInt64

    public init(client: UInt64, server: UInt64) {
        self.client = client
        self.server = server
    }
}

extension LaneMachines {
    /// Both machines' `stateDigest`s.
    /// - Complexity: O(the machines' state)
    public var stateDigest: LaneStateDigest { LaneStateDigest(client: client.stateDigest, server: server.stateDigest) }
}

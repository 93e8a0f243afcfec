import VoiceCore

/// One injected fault: a kind and the window `[startMicros, endMicros)` it is active in.
///
/// Faults are plain data so a fuzzer can draw them, a report can list them and a
/// shrinker can remove or shorten them one at a time.
public struct Fault: Equatable, Sendable {
    /// A short label for reports ("reset-1"); not used by the simulation.
    public var name: String
    public var startMicros: Int64
    /// Exclusive end; equal to `startMicros` for an instant fault (`connectionReset`).
    public var endMicros: Int64
    public var kind: Kind

    public init(name: String = "", startMicros: Int64, endMicros: Int64, kind: Kind) {
        precondition(startMicros >= 0, "fault start \(startMicros) < 0")
        precondition(endMicros >= startMicros, "fault window \(startMicros)…\(endMicros) is reversed")
        self.name = name
        self.startMicros = startMicros
        self.endMicros = endMicros
        self.kind = kind
    }
}

extension Fault {
    /// The external services the session server depends on.
    public enum Provider: UInt8, Equatable, Sendable, CaseIterable, CustomStringConvertible {
        case stt = 1
        case llm = 2
        case tts = 3

        public var description: String {
            switch self {
            case .stt: "stt"
            case .llm: "llm"
            case .tts: "tts"
            }
        }
    }

    /// What goes wrong during the window.
    public enum Kind: Equatable, Sendable {
        /// The client↔server path is down: the connection resets at the start and
        /// connection attempts fail until the end.
        case partition
        /// The connection resets at the start (the window is otherwise ignored).
        case connectionReset
        /// Nothing is delivered during the window; messages due inside it arrive at its end.
        case stall
        /// Messages sent during the window take this much longer.
        case latencySpike(extraMicros: Int64)
        /// Extra chance that a message needs a retransmission.
        case loss(Ratio)
        /// The server needs this long before accepting a connection opened in the window.
        case coldStart(delayMicros: Int64)
        /// Requests to the provider fail and its streams close during the window.
        case providerOutage(provider: Provider)
        /// The provider answers this much later during the window.
        case providerSlow(provider: Provider, extraMicros: Int64)
        /// Client → server messages sent in the window arrive twice, the copy 1 ms after the
        /// original (a retrying proxy). The server's de-duplication must absorb it.
        case duplicate
        /// Client → server messages sent in the window may be held up to `maxDelayMicros`
        /// and overtaken by later ones (a broken middlebox).
        case reorder(maxDelayMicros: Int64)
        /// Client → server messages in flight on a connection that breaks in the window are
        /// not lost: they reach the server `extraMicros` later, after the client reconnected.
        case lateDelivery(extraMicros: Int64)
        /// `duplicate` from server to client: replies, transcripts and acks arrive twice.
        case duplicateDown
        /// `reorder` from server to client: reply audio can overtake earlier messages.
        case reorderDown(maxDelayMicros: Int64)
        /// `lateDelivery` from server to client: what the old connection still carried reaches
        /// the client `extraMicros` later, after it reconnected.
        case lateDeliveryDown(extraMicros: Int64)
    }

    /// Which way a message travels.
    public enum Direction: Equatable, Sendable {
        /// Client → server.
        case up
        /// Server → client.
        case down
    }

    /// Every fault kind by the name scenario files use: a misspelt kind is an error, never a default.
    public enum KindName: String, CaseIterable, Sendable {
        case partition, connectionReset, stall, latencySpike, loss, coldStart, providerOutage, providerSlow
        case duplicate, reorder, lateDelivery
        case duplicateDown, reorderDown, lateDeliveryDown
    }

    public var start: Instant { Instant(micros: startMicros) }
    public var end: Instant { Instant(micros: endMicros) }
    public var durationMicros: Int64 { endMicros - startMicros }

    /// True when `time` lies in `[start, end)`.
    @inlinable
    public func isActive(at time: Instant) -> Bool { time.micros >= startMicros && time.micros < endMicros }

    /// True when the fault breaks the client↔server connection at its start.
    public var breaksConnection: Bool {
        switch kind {
        case .partition, .connectionReset: true
        case .stall, .latencySpike, .loss, .coldStart, .providerOutage, .providerSlow, .duplicate, .reorder,
            .lateDelivery, .duplicateDown, .reorderDown, .lateDeliveryDown:
            false
        }
    }
}

extension Fault.Kind: CustomStringConvertible {
    /// The kind's name as scenario files spell it.
    public var kindName: Fault.KindName {
        switch self {
        case .partition: .partition
        case .connectionReset: .connectionReset
        case .stall: .stall
        case .latencySpike: .latencySpike
        case .loss: .loss
        case .coldStart: .coldStart
        case .providerOutage: .providerOutage
        case .providerSlow: .providerSlow
        case .duplicate: .duplicate
        case .reorder: .reorder
        case .lateDelivery: .lateDelivery
        case .duplicateDown: .duplicateDown
        case .reorderDown: .reorderDown
        case .lateDeliveryDown: .lateDeliveryDown
        }
    }

    public var name: String { kindName.rawValue }

    public var description: String {
        switch self {
        case .partition, .connectionReset, .stall, .duplicate, .duplicateDown: name
        case .reorder(let maxDelayMicros), .reorderDown(let maxDelayMicros): "\(name)(≤\(maxDelayMicros)µs)"
        case .lateDelivery(let extraMicros), .lateDeliveryDown(let extraMicros): "\(name)(+\(extraMicros)µs)"
        case .latencySpike(let extraMicros): "latencySpike(+\(extraMicros)µs)"
        case .loss(let ratio): "loss(\(ratio))"
        case .coldStart(let delayMicros): "coldStart(\(delayMicros)µs)"
        case .providerOutage(let provider): "providerOutage(\(provider))"
        case .providerSlow(let provider, let extraMicros): "providerSlow(\(provider), +\(extraMicros)µs)"
        }
    }
}

extension Fault: CustomStringConvertible {
    /// `partition [t=12.000000s, t=15.500000s)` (with the name first when there is one).
    public var description: String {
        let label = name.isEmpty ? "" : "\(name): "
        return "\(label)\(kind) [\(start), \(end))"
    }
}

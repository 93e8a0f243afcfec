/// The sending side of one WebSocket (either end): frames and a close, written in order by the
/// connection's writer task so that a slow peer never blocks a session's loop.
public struct LiveConnection: Sendable {
    public enum Outgoing: Sendable {
        case frame([UInt8])
        case close(CloseReason)
    }

    public let id: UInt64
    let outgoing: AsyncStream<Outgoing>.Continuation

    public func send(_ frame: [UInt8]) { outgoing.yield(.frame(frame)) }

    public func close(_ reason: CloseReason) { outgoing.yield(.close(reason)) }
}

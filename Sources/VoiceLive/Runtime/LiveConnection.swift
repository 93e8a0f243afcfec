/// The sending side of one WebSocket (either end): frames and a close, written in order by the
/// connection's writer task so that a slow peer never blocks a session's loop.
public struct LiveConnection: Sendable {
    public enum Outgoing: Sendable {
        case frame([UInt8])
        /// A WebSocket text frame: a side note beside the protocol (an answer's caption), never
        /// a `WireFrame`.
        case text(String)
        case close(CloseReason)
    }

    public let id: UInt64
    let outgoing: AsyncStream<Outgoing>.Continuation
    /// The peer asked for answer captions (`?captions=1`).
    public var captions = false

    public func send(_ frame: [UInt8]) { outgoing.yield(.frame(frame)) }

    public func sendText(_ text: String) { outgoing.yield(.text(text)) }

    public func close(_ reason: CloseReason) { outgoing.yield(.close(reason)) }
}

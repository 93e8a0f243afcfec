import NIOCore
import HummingbirdWebSocket

extension LiveConnection {
    /// A connection and the stream its writer task drains.
    static func make(id: UInt64, captions: Bool = false) -> (LiveConnection, AsyncStream<Outgoing>) {
        let (stream, continuation) = AsyncStream<Outgoing>.makeStream()
        return (LiveConnection(id: id, outgoing: continuation, captions: captions), stream)
    }

    /// Ends the stream: the writer finishes what is queued, then returns.
    func finish() { outgoing.finish() }

    /// Writes frames in order until a close or the end of the stream.
    static func write(_ outgoing: AsyncStream<Outgoing>, to outbound: WebSocketOutboundWriter) async {
        for await item in outgoing {
            switch item {
            case .frame(let bytes):
                do {
                    try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
                } catch {
                    return
                }
            case .text(let text):
                do {
                    try await outbound.write(.text(text))
                } catch {
                    return
                }
            case .close(let reason):
                try? await outbound.close(reason.webSocketCode, reason: reason.frameReason)
                return
            }
        }
    }
}

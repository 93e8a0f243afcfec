import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import WSCore

/// Writes a stand-in's WebSocket frames at their due times, in order.
///
/// A provider answers after its processing latency; the stand-ins compute each message when
/// the input arrives and queue it with the time it is due. Due times never go backwards
/// (one ordered socket). A `.close` ends the sender.
struct ScheduledSender: Sendable {
    enum Frame: Sendable {
        case text(String)
        case close(WebSocketErrorCode, reason: String)
    }

    private let continuation: AsyncStream<(due: ContinuousClock.Instant, frame: Frame)>.Continuation
    private let stream: AsyncStream<(due: ContinuousClock.Instant, frame: Frame)>
    private let closing = NIOLockedValueBox(false)

    /// True once every frame before the close has been written (set before the close frame
    /// goes out, so a peer's answer to it always finds it set).
    var reachedClose: Bool { closing.withLockedValue { $0 } }

    init() {
        (stream, continuation) = AsyncStream.makeStream()
    }

    /// Queues `frame` for `due` (or right after the previous frame, if that is later).
    func send(_ frame: Frame, at due: ContinuousClock.Instant) {
        continuation.yield((due, frame))
    }

    /// No more frames: the sender ends once the queue is written.
    func finish() {
        continuation.finish()
    }

    /// Writes the queued frames until a close or the end of the queue.
    func run(_ outbound: WebSocketOutboundWriter) async throws {
        var last = ContinuousClock.Instant.now
        for await (due, frame) in stream {
            let at = max(due, last)
            last = at
            try await Task.sleep(until: at, clock: .continuous)
            switch frame {
            case .text(let text):
                try await outbound.write(.text(text))
            case .close(let code, let reason):
                closing.withLockedValue { $0 = true }
                try await outbound.close(code, reason: reason)
                return
            }
        }
    }
}

/// Mixes a seed with text (FNV-1a): a stand-in's choices for one request depend on the seed
/// and the request's content, not on the order requests arrive in.
enum StandInSeed {
    static func mix(_ seed: UInt64, _ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// A request id in the provider's style, from `prng`.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }
}

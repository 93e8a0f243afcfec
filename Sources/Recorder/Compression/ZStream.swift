import CZlib

/// One zlib `z_stream`, owned by this object and ended (`deflateEnd`/`inflateEnd`) when it goes away.
///
/// The `z_stream` lives in its own allocation because zlib keeps a pointer back to it
/// (`state->strm`) and refuses a stream that has moved; a Swift stored struct could move.
final class ZStream {
    enum Direction {
        case deflate
        case inflate
    }

    let stream: UnsafeMutablePointer<z_stream>
    let direction: Direction

    /// `level` is used for `.deflate` only (0 = store, 9 = smallest, 6 = zlib's default).
    init(_ direction: Direction, level: Int32 = Z_DEFAULT_COMPRESSION) {
        stream = .allocate(capacity: 1)
        // zalloc/zfree/opaque = NULL: zlib's own malloc/free.
        stream.initialize(to: z_stream())
        self.direction = direction
        let code =
            switch direction {
            case .deflate: czlib_deflate_init(stream, level)
            case .inflate: czlib_inflate_init(stream)
            }
        // Init fails only with Z_MEM_ERROR (out of memory) or Z_STREAM_ERROR (a level outside
        // -1...9, a bug) — neither is something a caller could handle.
        precondition(code == Z_OK, "zlib \(direction) init failed with \(code) (level \(level))")
    }

    deinit {
        switch direction {
        case .deflate: deflateEnd(stream)
        case .inflate: inflateEnd(stream)
        }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }
}

extension ZStream {
    /// zlib's message for the last error, or a fallback naming the code.
    func message(code: Int32) -> String {
        stream.pointee.msg.map { String(cString: $0) } ?? "code \(code)"
    }
}

// A z_stream is mutable C state with no locking.
@available(*, unavailable)
extension ZStream: Sendable {}

/// Why compressed bytes could not be inflated. Corrupt input always ends here, never in a trap.
public enum ZlibError: Error, Equatable, Sendable, CustomStringConvertible {
    /// zlib rejected the stream; `message` is zlib's own `msg` (e.g. "incorrect header check").
    case corrupt(code: Int32, message: String)
    /// The input ended before the end of the zlib stream.
    case truncated(consumedBytes: Int, producedBytes: Int)
    /// The stream would inflate to more than `limit` bytes (a zip bomb or a corrupt size field).
    case outputLimitExceeded(limit: Int)
    /// Bytes follow the end of the zlib stream.
    case trailingBytes(count: Int)
}

extension ZlibError {
    public var description: String {
        switch self {
        case .corrupt(let code, let message): "zlib error \(code): \(message)"
        case .truncated(let consumed, let produced):
            "zlib stream truncated after \(consumed) input bytes (\(produced) bytes inflated)"
        case .outputLimitExceeded(let limit): "zlib stream inflates to more than \(limit) bytes"
        case .trailingBytes(let count): "\(count) bytes after the end of the zlib stream"
        }
    }
}

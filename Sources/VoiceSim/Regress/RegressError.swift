/// Why the regression suite could not judge a golden at all (exit 2): a missing or unreadable
/// file, a bad expectations file, a damaged trace.
public enum RegressError: Error, Equatable, Sendable, CustomStringConvertible {
    case badGolden(name: String, reason: String)

    public var description: String {
        switch self {
        case .badGolden(let name, let reason): "\(name): \(reason)"
        }
    }
}

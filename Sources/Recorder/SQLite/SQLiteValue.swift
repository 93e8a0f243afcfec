/// A value SQLite can store: one case per storage class.
public enum SQLiteValue: Equatable, Sendable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null
}

extension SQLiteValue {
    /// `.text(value)`, or `.null` when nil.
    public static func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
    /// `.integer(value)`, or `.null` when nil.
    public static func integer(_ value: Int64?) -> SQLiteValue { value.map { .integer($0) } ?? .null }
    /// `.real(value)`, or `.null` when nil.
    public static func real(_ value: Double?) -> SQLiteValue { value.map { .real($0) } ?? .null }
}

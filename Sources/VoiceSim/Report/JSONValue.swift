/// A JSON document with keys in insertion order, so reports print identically every run.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// Printed with a fixed number of decimals; reports only, never decisions.
    case number(Double, decimals: Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }
}

extension JSONValue {
    /// Compact when `indent` is nil, else pretty-printed.
    public func rendered(indent: Int? = 2) -> String {
        var out = ""
        render(into: &out, indent: indent, depth: 0)
        return out
    }

    private func render(into out: inout String, indent: Int?, depth: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .number(let value, let decimals): out += value.isFinite ? formatFixed(value, decimals: decimals) : "null"
        case .string(let value): JSONValue.escape(value, into: &out)
        case .array(let items):
            out += "["
            guard !items.isEmpty else {
                out += "]"
                return
            }
            let itemIndent = indent.map { "\n" + String(repeating: " ", count: $0 * (depth + 1)) }
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                if let itemIndent { out += itemIndent }
                item.render(into: &out, indent: indent, depth: depth + 1)
            }
            JSONValue.close("]", into: &out, indent: indent, depth: depth)
        case .object(let pairs):
            out += "{"
            guard !pairs.isEmpty else {
                out += "}"
                return
            }
            let itemIndent = indent.map { "\n" + String(repeating: " ", count: $0 * (depth + 1)) }
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out += "," }
                if let itemIndent { out += itemIndent }
                JSONValue.escape(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.render(into: &out, indent: indent, depth: depth + 1)
            }
            JSONValue.close("}", into: &out, indent: indent, depth: depth)
        }
    }

    /// The closing bracket of a non-empty list, on its own line when pretty-printing.
    private static func close(_ bracket: String, into out: inout String, indent: Int?, depth: Int) {
        if let indent { out += "\n" + String(repeating: " ", count: indent * depth) }
        out += bracket
    }

    /// Appends `text` as a JSON string. Only ASCII needs escaping, so the UTF-8 is scanned for
    /// it and everything between is appended as a whole: appending scalar by scalar cost a
    /// `run --json` report of 27 KB about 7 M instructions.
    static func escape(_ text: String, into out: inout String) {
        out += "\""
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out += text[runStart..<index]
                out += escaped(byte)
                runStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        out += text[runStart...]
        out += "\""
    }

    /// The JSON escape of an ASCII byte that cannot appear in a string as itself.
    private static func escaped(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case UInt8(ascii: "\n"): return "\\n"
        case UInt8(ascii: "\r"): return "\\r"
        case UInt8(ascii: "\t"): return "\\t"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}

/// `value` with exactly `decimals` digits after the point, without Foundation.
public func formatFixed(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9.0e18 else { return String(value) }
    let whole = Int64(scaled)
    let divisor = Int64(scale)
    let sign = value < 0 && whole != 0 ? "-" : ""
    guard decimals > 0 else { return sign + String(whole) }
    let fraction = String(whole % divisor)
    return sign + String(whole / divisor) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
}

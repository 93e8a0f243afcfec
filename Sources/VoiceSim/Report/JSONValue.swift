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
            renderList(items.map { (nil, $0) }, open: "[", close: "]", into: &out, indent: indent, depth: depth)
        case .object(let pairs):
            renderList(pairs.map { ($0.0, $0.1) }, open: "{", close: "}", into: &out, indent: indent, depth: depth)
        }
    }

    private func renderList(_ items: [(String?, JSONValue)], open: String, close: String, into out: inout String,
                            indent: Int?, depth: Int) {
        out += open
        guard !items.isEmpty else {
            out += close
            return
        }
        for (index, (key, value)) in items.enumerated() {
            if index > 0 { out += "," }
            if let indent { out += "\n" + String(repeating: " ", count: indent * (depth + 1)) }
            if let key {
                JSONValue.escape(key, into: &out)
                out += indent == nil ? ":" : ": "
            }
            value.render(into: &out, indent: indent, depth: depth + 1)
        }
        if let indent { out += "\n" + String(repeating: " ", count: indent * depth) }
        out += close
    }

    static func escape(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
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

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
    ///
    /// Rendered as UTF-8 bytes and made a `String` once: appending short strings to a `String`
    /// cost a `run --json` report of 27 KB about 4 M instructions, scalar-by-scalar escaping
    /// another 7 M.
    public func rendered(indent: Int? = 2) -> String {
        var out: [UInt8] = []
        render(into: &out, indent: indent, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    private func render(into out: inout [UInt8], indent: Int?, depth: Int) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .int(let value): out += String(value).utf8
        case .number(let value, let decimals): out += (value.isFinite ? formatFixed(value, decimals: decimals) : "null").utf8
        case .string(let value): JSONValue.escape(value, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                JSONValue.startItem(index, into: &out, indent: indent, depth: depth + 1)
                item.render(into: &out, indent: indent, depth: depth + 1)
            }
            JSONValue.close("]", empty: items.isEmpty, into: &out, indent: indent, depth: depth)
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                JSONValue.startItem(index, into: &out, indent: indent, depth: depth + 1)
                JSONValue.escape(key, into: &out)
                out += (indent == nil ? ":" : ": ").utf8
                value.render(into: &out, indent: indent, depth: depth + 1)
            }
            JSONValue.close("}", empty: pairs.isEmpty, into: &out, indent: indent, depth: depth)
        }
    }

    /// The comma before every item but the first, and when pretty-printing its own line.
    private static func startItem(_ index: Int, into out: inout [UInt8], indent: Int?, depth: Int) {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        newLine(into: &out, indent: indent, depth: depth)
    }

    /// The closing bracket: right after the opening one for an empty list, else on its own line
    /// when pretty-printing.
    private static func close(_ bracket: Unicode.Scalar, empty: Bool, into out: inout [UInt8], indent: Int?, depth: Int) {
        if !empty { newLine(into: &out, indent: indent, depth: depth) }
        out.append(UInt8(ascii: bracket))
    }

    private static func newLine(into out: inout [UInt8], indent: Int?, depth: Int) {
        guard let indent else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * depth))
    }

    /// Appends `text` as a JSON string.
    static func escape(_ text: String, into out: inout String) {
        var bytes: [UInt8] = []
        escape(text, into: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string, as UTF-8. Only ASCII needs escaping, so everything
    /// between the bytes that do is copied as it is.
    static func escape(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                out += escaped(byte).utf8
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
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

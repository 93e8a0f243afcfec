/// A strict JSON parser (RFC 8259) for scenario files, keeping the line of every value.
///
/// Stricter than Foundation's `JSONSerialization` where a lenient reading would change
/// what a file means: a duplicate key is an error (which copy wins is not the writer's
/// choice), so is a trailing comma, and an integer outside Int64 is kept as written
/// (`.number`), so a field expecting an integer refuses it instead of wrapping it negative.
/// Objects keep their keys in file order. Nesting is limited to `depthMax`, so a hostile
/// file cannot exhaust the stack.
struct StrictJSON {
    /// Deeper than any scenario, far below what the stack holds.
    static let depthMax = 64

    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1

    private init(_ text: String) { bytes = Array(text.utf8) }

    /// Parses `text` as one JSON value.
    static func parse(_ text: String) throws(ScenarioError) -> ScenarioNode {
        var parser = StrictJSON(text)
        parser.skipWhitespace()
        let root = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.offset == parser.bytes.count else {
            throw parser.error("unexpected \(parser.describeNext()) after the end of the document")
        }
        return root
    }
}

extension StrictJSON {
    private func error(_ reason: String, line: Int? = nil) -> ScenarioError {
        ScenarioError(path: "", reason: "invalid JSON: \(reason)", line: line ?? self.line)
    }

    private func describeNext() -> String {
        guard offset < bytes.count else { return "end of file" }
        let byte = bytes[offset]
        guard byte >= 0x21 && byte < 0x7F else { return "byte 0x" + String(byte, radix: 16, uppercase: true) }
        return "'\(Character(Unicode.Scalar(byte)))'"
    }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
            default: return
            }
            offset += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(ScenarioError) {
        guard offset < bytes.count, bytes[offset] == byte else {
            throw error("expected \(what), found \(describeNext())")
        }
        offset += 1
    }

    private mutating func value(depth: Int) throws(ScenarioError) -> ScenarioNode {
        guard depth < StrictJSON.depthMax else { throw error("nested deeper than \(StrictJSON.depthMax) levels") }
        guard offset < bytes.count else { throw error("expected a value, found end of file") }
        let start = line
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return ScenarioNode(value: .string(try string()), line: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: throw error("expected a value, found \(describeNext())")
        }
    }

    private mutating func literal(_ word: String, _ value: ScenarioNode.Value) throws(ScenarioError) -> ScenarioNode {
        let expected = Array(word.utf8)
        guard bytes.count - offset >= expected.count, Array(bytes[offset..<offset + expected.count]) == expected else {
            throw error("expected a value, found \(describeNext())")
        }
        offset += expected.count
        return ScenarioNode(value: value, line: line)
    }

    private mutating func object(depth: Int) throws(ScenarioError) -> ScenarioNode {
        let start = line
        offset += 1
        var pairs: [(key: String, value: ScenarioNode)] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return ScenarioNode(value: .object(pairs), line: start)
        }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
                throw error("expected a key in double quotes, found \(describeNext())")
            }
            let keyLine = line
            let key = try string()
            if let first = pairs.first(where: { $0.key == key }) {
                let firstLine = first.value.line.map { " (first on line \($0))" } ?? ""
                throw error("duplicate key \"\(key)\"\(firstLine)", line: keyLine)
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after the key")
            skipWhitespace()
            pairs.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            guard offset < bytes.count else { throw error("unclosed object (opened on line \(start))") }
            if bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return ScenarioNode(value: .object(pairs), line: start)
            }
            try expect(UInt8(ascii: ","), "',' or '}'")
        }
    }

    private mutating func array(depth: Int) throws(ScenarioError) -> ScenarioNode {
        let start = line
        offset += 1
        var items: [ScenarioNode] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return ScenarioNode(value: .array(items), line: start)
        }
        while true {
            skipWhitespace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { throw error("trailing comma before ']'") }
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            guard offset < bytes.count else { throw error("unclosed list (opened on line \(start))") }
            if bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return ScenarioNode(value: .array(items), line: start)
            }
            try expect(UInt8(ascii: ","), "',' or ']'")
        }
    }

    /// A number: an integer that fits Int64 becomes `.integer`; anything else (fractions,
    /// exponents, integers out of range) stays as written in `.number`.
    private mutating func number() throws(ScenarioError) -> ScenarioNode {
        let start = offset
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let intStart = offset
        skipDigits()
        guard offset > intStart else { throw error("expected digits after '-'") }
        if bytes[intStart] == UInt8(ascii: "0") && offset - intStart > 1 {
            throw error("a number may not start with 0 (\(String(decoding: bytes[start..<offset], as: UTF8.self)))")
        }
        var isInteger = true
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            isInteger = false
            offset += 1
            let fraction = offset
            skipDigits()
            guard offset > fraction else { throw error("expected digits after '.'") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            isInteger = false
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            let exponent = offset
            skipDigits()
            guard offset > exponent else { throw error("expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if isInteger, let integer = Int64(text) { return ScenarioNode(value: .integer(integer), line: line) }
        return ScenarioNode(value: .number(text), line: line)
    }

    private mutating func skipDigits() {
        while offset < bytes.count, bytes[offset] >= UInt8(ascii: "0"), bytes[offset] <= UInt8(ascii: "9") {
            offset += 1
        }
    }

    private mutating func string() throws(ScenarioError) -> String {
        let start = line
        offset += 1
        var scalars = String.UnicodeScalarView()
        var runStart = offset
        func flushRun(_ end: Int) {
            scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                flushRun(offset)
                offset += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                flushRun(offset)
                offset += 1
                scalars.append(try escape())
                runStart = offset
            case 0x00..<0x20:
                throw error(byte == UInt8(ascii: "\n") ? "unclosed string (opened on line \(start))"
                    : "control character 0x\(String(byte, radix: 16, uppercase: true)) in a string; escape it")
            default:
                offset += 1
            }
        }
        throw error("unclosed string (opened on line \(start))")
    }

    private mutating func escape() throws(ScenarioError) -> Unicode.Scalar {
        guard offset < bytes.count else { throw error("unclosed string") }
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4()
            guard (0xD800..<0xDC00).contains(high) else {
                guard let scalar = Unicode.Scalar(high) else { throw error("lone low surrogate \\u\(hexText(high))") }
                return scalar
            }
            guard bytes.count - offset >= 6, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u")
            else { throw error("lone high surrogate \\u\(hexText(high))") }
            offset += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            else { throw error("bad surrogate pair \\u\(hexText(high))\\u\(hexText(low))") }
            return scalar
        default:
            offset -= 1
            throw error("unknown escape \\\(describeNext())")
        }
    }

    private mutating func hex4() throws(ScenarioError) -> UInt32 {
        // `UInt32(_:radix:)` alone would also take a sign.
        guard bytes.count - offset >= 4,
            bytes[offset..<offset + 4].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }),
            let value = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
        else { throw error("expected 4 hex digits after \\u") }
        offset += 4
        return value
    }

    private func hexText(_ value: UInt32) -> String { String(value, radix: 16, uppercase: true) }
}

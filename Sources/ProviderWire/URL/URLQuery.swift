/// An ordered URL query (`a=1&b=two%20words`): built by the adapters, parsed by the stand-ins.
///
/// Order and repeats are kept (Deepgram takes one `keyterm` per phrase). Encoding escapes
/// everything but RFC 3986's unreserved characters, so equal items give equal strings.
public struct URLQuery: Equatable, Sendable {
    public var items: [(name: String, value: String)]

    public init(_ items: [(name: String, value: String)] = []) {
        self.items = items
    }

    public static func == (lhs: URLQuery, rhs: URLQuery) -> Bool {
        lhs.items.count == rhs.items.count
            && zip(lhs.items, rhs.items).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

extension URLQuery {
    /// The query without its `?`.
    public var encoded: String {
        items.map { URLQuery.escape($0.name) + "=" + URLQuery.escape($0.value) }.joined(separator: "&")
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    /// The first value of `name`.
    public func value(_ name: String) -> String? { items.first { $0.name == name }?.value }

    /// Parses a raw query (without `?`); `+` is a space. A bad `%` escape or an escape that
    /// is not UTF-8 throws, naming the item.
    public init(parsing query: Substring, provider: ProviderWireError.Provider) throws(ProviderWireError) {
        var items: [(name: String, value: String)] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try URLQuery.unescape(pair[0], provider: provider)
            let value = pair.count > 1 ? try URLQuery.unescape(pair[1], provider: provider) : ""
            items.append((name, value))
        }
        self.init(items)
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                escaped.unicodeScalars.append("%")
                escaped.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                escaped.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            }
        }
        return escaped
    }

    static func unescape(_ text: Substring, provider: ProviderWireError.Provider) throws(ProviderWireError) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            switch source[index] {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
                index += 1
            case UInt8(ascii: "%"):
                guard index + 2 < source.count,
                    let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2])
                else { throw ProviderWireError(provider, "query item `\(text)`: bad % escape at offset \(index)") }
                bytes.append(high << 4 | low)
                index += 3
            default:
                bytes.append(source[index])
                index += 1
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw ProviderWireError(provider, "query item `\(text)`: escapes are not UTF-8")
        }
        return decoded
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

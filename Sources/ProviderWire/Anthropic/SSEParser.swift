/// An incremental parser of a `text/event-stream` body (the WHATWG server-sent events rules).
///
/// Bytes may arrive split anywhere, even inside a line ending or a UTF-8 character: the
/// parser keeps the unfinished line and decodes a line only once it is complete. Lines end
/// with LF, CR or CRLF; `:` lines are comments; a blank line dispatches the event (an event
/// without data is dropped, as the spec says); one space after a field's colon is removed;
/// a leading byte-order mark is skipped. Unknown fields are ignored.
public struct SSEParser: Sendable {
    /// Longest line accepted: a bigger one is a broken or hostile stream.
    public static let lineBytesMax = 1 << 20

    var line: [UInt8]
    /// The previous byte was a CR: a following LF belongs to the same line ending.
    var afterCR: Bool
    var atStart: Bool
    var name: String?
    var data: String
    var hasData: Bool
    var id: String?

    public init() {
        line = []
        afterCR = false
        atStart = true
        name = nil
        data = ""
        hasData = false
        id = nil
    }
}

extension SSEParser {
    /// Feeds the next bytes; returns the events they complete.
    /// - Complexity: O(`bytes.count`)
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(ProviderWireError) -> [SSEEvent] {
        var events: [SSEEvent] = []
        for byte in bytes {
            if afterCR {
                afterCR = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0A:
                if let event = try endLine() { events.append(event) }
            case 0x0D:
                afterCR = true
                if let event = try endLine() { events.append(event) }
            default:
                guard line.count < SSEParser.lineBytesMax else {
                    throw ProviderWireError(.anthropic, "event stream line longer than \(SSEParser.lineBytesMax) bytes")
                }
                line.append(byte)
            }
        }
        return events
    }

    /// True when the stream stopped inside an event (a line or fields not yet dispatched):
    /// that event is lost, as the spec says.
    public var hasPartialEvent: Bool { !line.isEmpty || hasData || name != nil }

    private mutating func endLine() throws(ProviderWireError) -> SSEEvent? {
        var bytes = line[...]
        line.removeAll(keepingCapacity: true)
        if atStart {
            atStart = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        if bytes.isEmpty { return dispatch() }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ProviderWireError(.anthropic, "event stream line is not UTF-8")
        }
        if text.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = text[...]
            value = ""
        }
        switch field {
        case "event": name = String(value)
        case "data":
            if hasData { data += "\n" }
            data += value
            hasData = true
        case "id": id = String(value)
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> SSEEvent? {
        defer {
            name = nil
            data = ""
            hasData = false
        }
        guard hasData else { return nil }
        return SSEEvent(name: name, data: data, id: id)
    }
}

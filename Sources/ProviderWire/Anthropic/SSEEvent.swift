/// One server-sent event: an `event:` name and its `data:` lines joined by newlines.
public struct SSEEvent: Equatable, Sendable {
    /// The `event:` field, or nil when the event had none (the spec's "message").
    public var name: String?
    public var data: String
    public var id: String?

    public init(name: String?, data: String, id: String? = nil) {
        self.name = name
        self.data = data
        self.id = id
    }
}

extension SSEEvent {
    /// The event as a server writes it: `event: name`, one `data:` line per line of data,
    /// then a blank line.
    public var encoded: String {
        var text = ""
        if let name { text += "event: \(name)\n" }
        if let id { text += "id: \(id)\n" }
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) { text += "data: \(line)\n" }
        return text + "\n"
    }
}

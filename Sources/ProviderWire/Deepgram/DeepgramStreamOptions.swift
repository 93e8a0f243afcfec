/// The query of a Deepgram live-streaming request (`/v1/listen`): what the adapter asks for
/// and what the stand-in reads.
///
/// `keyterms` are phrases the caller expects to hear (Deepgram's keyterm prompting; Nova-2's
/// `keywords` is read as well, with its `:boost` suffix dropped). The stand-in uses them as
/// its vocabulary: it transcribes the k-th utterance it hears as the k-th phrase.
public struct DeepgramStreamOptions: Equatable, Sendable {
    public var model: String
    public var sampleRateHz: Int
    public var channels: Int
    public var interimResults: Bool
    /// Silence that ends an utterance (`speech_final`), or nil to leave endpointing off.
    public var endpointingMillis: Int?
    /// Gap after the last word before `UtteranceEnd`, or nil for none (needs interim results).
    public var utteranceEndMillis: Int?
    public var vadEvents: Bool
    public var keyterms: [String]
    /// Labels the request in Deepgram's usage logs (`tag`).
    public var tag: String?

    public init(
        model: String = "nova-3", sampleRateHz: Int = 16_000, channels: Int = 1, interimResults: Bool = true,
        endpointingMillis: Int? = 300, utteranceEndMillis: Int? = 1_000, vadEvents: Bool = true,
        keyterms: [String] = [], tag: String? = nil
    ) {
        self.model = model
        self.sampleRateHz = sampleRateHz
        self.channels = channels
        self.interimResults = interimResults
        self.endpointingMillis = endpointingMillis
        self.utteranceEndMillis = utteranceEndMillis
        self.vadEvents = vadEvents
        self.keyterms = keyterms
        self.tag = tag
    }
}

extension DeepgramStreamOptions {
    /// Path of the live endpoint.
    public static let path = "/v1/listen"

    /// The query items, in a fixed order.
    public var query: URLQuery {
        var items: [(name: String, value: String)] = [
            ("model", model), ("encoding", "linear16"), ("sample_rate", String(sampleRateHz)),
            ("channels", String(channels)), ("interim_results", String(interimResults)),
        ]
        items.append(("endpointing", endpointingMillis.map(String.init) ?? "false"))
        if let utteranceEndMillis { items.append(("utterance_end_ms", String(utteranceEndMillis))) }
        items.append(("vad_events", String(vadEvents)))
        for phrase in keyterms { items.append(("keyterm", phrase)) }
        if let tag { items.append(("tag", tag)) }
        return URLQuery(items)
    }

    /// `base` (e.g. `wss://api.deepgram.com`, no trailing slash needed) plus path and query.
    public func url(base: String) -> String {
        base.trimmingSuffix("/") + DeepgramStreamOptions.path + "?" + query.encoded
    }

    /// Reads a request's query as Deepgram would; only `linear16` audio is accepted, and
    /// numbers and booleans must parse.
    public init(query: URLQuery) throws(ProviderWireError) {
        self.init(keyterms: [])
        if let encoding = query.value("encoding"), encoding != "linear16" {
            throw ProviderWireError(.deepgram, "query encoding=\(encoding): only linear16 is supported")
        }
        model = query.value("model") ?? model
        sampleRateHz = try Self.integer(query, "sample_rate") ?? sampleRateHz
        channels = try Self.integer(query, "channels") ?? channels
        interimResults = try Self.boolean(query, "interim_results") ?? false
        if let endpointing = query.value("endpointing") {
            endpointingMillis = endpointing == "false" ? nil : try Self.integer(query, "endpointing")
        }
        utteranceEndMillis = try Self.integer(query, "utterance_end_ms")
        vadEvents = try Self.boolean(query, "vad_events") ?? false
        keyterms = query.values("keyterm")
        for keyword in query.values("keywords") {
            // Nova-2 keywords carry an intensifier: `word:2`.
            let phrase = keyword.split(separator: ":", maxSplits: 1).first.map(String.init) ?? keyword
            keyterms.append(phrase)
        }
        tag = query.value("tag")
    }

    private static func integer(_ query: URLQuery, _ name: String) throws(ProviderWireError) -> Int? {
        guard let text = query.value(name) else { return nil }
        guard let value = Int(text), value >= 0 else {
            throw ProviderWireError(.deepgram, "query \(name)=\(text): not a non-negative integer")
        }
        return value
    }

    private static func boolean(_ query: URLQuery, _ name: String) throws(ProviderWireError) -> Bool? {
        switch query.value(name) {
        case nil: nil
        case "true": true
        case "false": false
        case let text?: throw ProviderWireError(.deepgram, "query \(name)=\(text): not true or false")
        }
    }
}

extension String {
    /// The string without trailing `suffix`es (base URLs with or without a slash).
    func trimmingSuffix(_ suffix: Character) -> String {
        var text = Substring(self)
        while text.last == suffix { text = text.dropLast() }
        return String(text)
    }
}

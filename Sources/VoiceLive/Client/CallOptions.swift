import VoiceCore

/// Everything `LiveCall.run` needs; the CLI fills it from `voicesim call`'s flags.
public struct CallOptions: Sendable {
    /// `ws://host:port/api/voice-v2`.
    public var url: String
    public var token: String?
    public var mic: MicInput
    public var client: ClientConfig
    /// The agent's seed (backoff jitter); recorded in the trace.
    public var seed: UInt64
    public var traces: TraceStore?
    /// Hang up after this long whatever happens.
    public var maxMicros: Int64
    /// Mic chunks of silence after the caller is done before the call may end.
    public var tailChunks: UInt64
    /// Ask the server for each answer's text (`AnswerCaption`), for the turn table's `answer`.
    public var captions: Bool
    public var log: @Sendable (String) -> Void

    public init(
        url: String, token: String? = nil, mic: MicInput, client: ClientConfig = ClientConfig(),
        seed: UInt64 = UInt64.random(in: 0...UInt64.max), traces: TraceStore? = nil, maxMicros: Int64 = 120_000_000,
        tailChunks: UInt64 = 10, captions: Bool = true, log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.url = url
        self.token = token
        self.mic = mic
        self.client = client
        self.seed = seed
        self.traces = traces
        self.maxMicros = maxMicros
        self.tailChunks = tailChunks
        self.captions = captions
        self.log = log
    }
}

extension CallOptions {
    /// `url` with one `phrase` query item per utterance the caller will say: the server hands
    /// them to speech-to-text as hints (Deepgram's `keyterm`), which the local stand-in
    /// transcribes by.
    static func declaringPhrases(_ phrases: [String], in url: String) -> String {
        guard !phrases.isEmpty else { return url }
        let items = phrases.map { "phrase=" + percentEncoded($0) }.joined(separator: "&")
        return url + (url.contains("?") ? "&" : "?") + items
    }

    /// `url` asking the server for answer captions (`AnswerCaption`), for the turn table.
    static func askingForCaptions(_ url: String) -> String {
        url + (url.contains("?") ? "&" : "?") + AnswerCaption.queryName + "=1"
    }

    /// RFC 3986 unreserved characters kept, every other byte percent-encoded.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return out
    }
}

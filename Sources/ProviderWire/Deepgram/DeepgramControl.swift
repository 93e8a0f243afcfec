/// Control messages a client sends Deepgram as text frames (audio goes as binary frames).
public enum DeepgramControl: String, Equatable, Sendable, CaseIterable {
    /// Keeps a stream without audio open; Deepgram closes a stream after 10 s of neither.
    case keepAlive = "KeepAlive"
    /// Flush: transcribe the audio received so far now (the reply has `from_finalize`).
    case finalize = "Finalize"
    /// Flush, send `Metadata`, then close.
    case closeStream = "CloseStream"
}

extension DeepgramControl {
    private struct Frame: Codable {
        var type: String
    }

    /// The text frame, e.g. `{"type":"KeepAlive"}`.
    public var encoded: String { WireJSON.encode(Frame(type: rawValue)) }

    /// Reads a text frame a client sent; an unknown type throws.
    public init(decoding text: String) throws(ProviderWireError) {
        let frame = try WireJSON.decode(Frame.self, from: text, provider: .deepgram, what: "control message")
        guard let control = DeepgramControl(rawValue: frame.type) else {
            let known = DeepgramControl.allCases.map(\.rawValue).joined(separator: ", ")
            throw ProviderWireError(.deepgram, "control message type `\(frame.type)` is not one of \(known)")
        }
        self = control
    }
}

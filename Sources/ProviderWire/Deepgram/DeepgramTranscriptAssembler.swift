import VoiceCore

/// Turns Deepgram's stream of results into the core's `STTEvent`s.
///
/// Deepgram sends an utterance as consecutive final segments (`is_final`), each preceded by
/// interim guesses; the utterance ends with a segment marked `speech_final` (endpointing)
/// or with an `UtteranceEnd` message. The assembler keeps the final segments of the
/// current utterance and reports:
/// - `.partial(text)`: the final segments so far plus the latest interim guess, whenever
///   that text changes;
/// - `.speechEnded` then `.final(text)`: at `speech_final` or `UtteranceEnd`, with the
///   segments joined by spaces (nothing when the utterance had no words);
/// - `.closed(error:)`: once, for an `Error` message or the close of the socket. A clean
///   close first finalises a pending utterance (Deepgram flushes on `CloseStream`).
public struct DeepgramTranscriptAssembler: Equatable, Sendable {
    /// Final segments of the utterance in progress.
    public private(set) var segments: [String]
    var lastPartial: String
    public private(set) var isClosed: Bool

    public init() {
        segments = []
        lastPartial = ""
        isClosed = false
    }
}

extension DeepgramTranscriptAssembler {
    /// The events one message from Deepgram causes.
    public mutating func consume(_ message: DeepgramMessage) -> [STTEvent] {
        guard !isClosed else { return [] }
        switch message {
        case .results(let results):
            return consume(results)
        case .utteranceEnd:
            return endUtterance()
        case .error(let description, let variant):
            isClosed = true
            let detail = variant.map { "\(description) (\($0))" } ?? description
            return [.closed(error: "deepgram: \(detail)")]
        case .speechStarted, .metadata, .unknown:
            return []
        }
    }

    /// The socket closed with `code` (nil when the connection dropped without a close
    /// frame). 1000 is a clean close; anything else is reported with its code and reason.
    public mutating func closed(code: Int?, reason: String?) -> [STTEvent] {
        guard !isClosed else { return [] }
        isClosed = true
        if code == 1000 { return endUtterance() + [.closed(error: nil)] }
        let reasonText = reason.flatMap { $0.isEmpty ? nil : ": \($0)" } ?? ""
        let codeText = code.map { "close \($0)" } ?? "connection lost"
        return [.closed(error: "deepgram: \(codeText)\(reasonText)")]
    }

    private mutating func consume(_ results: DeepgramResults) -> [STTEvent] {
        let text = results.transcript
        guard results.isFinal else {
            return partial(joined(segments + [text]))
        }
        if !text.isEmpty { segments.append(text) }
        if results.speechFinal { return endUtterance() }
        return partial(joined(segments))
    }

    private mutating func partial(_ text: String) -> [STTEvent] {
        guard !text.isEmpty, text != lastPartial else { return [] }
        lastPartial = text
        return [.partial(text)]
    }

    private mutating func endUtterance() -> [STTEvent] {
        let text = joined(segments)
        segments = []
        lastPartial = ""
        guard !text.isEmpty else { return [] }
        return [.speechEnded, .final(text)]
    }

    private func joined(_ pieces: [String]) -> String {
        pieces.filter { !$0.isEmpty }.joined(separator: " ")
    }
}

import VoiceCore

/// Turns one ElevenLabs stream into the core's `TTSEvent`s for response `responseID`.
///
/// `textEnd` of each `.audio` counts the UTF-8 bytes of the characters the alignments have
/// covered so far, capped at the bytes of text the core has sent (ElevenLabs' text may
/// carry a space the chunker added, and its normalised characters need not match ours
/// byte for byte). It never decreases. `isFinal` → `.done`; an error message or a close
/// before `isFinal` → `.failed`. Nothing follows `.done` or `.failed`.
public struct ElevenLabsAudioAssembler: Equatable, Sendable {
    public let responseID: UInt32
    /// UTF-8 bytes of the text the core sent for this response.
    public private(set) var sentBytes: Int
    /// UTF-8 bytes covered by the alignments received.
    public private(set) var alignedBytes: Int
    public private(set) var textEnd: UInt32
    public private(set) var isFinished: Bool

    public init(responseID: UInt32) {
        self.responseID = responseID
        sentBytes = 0
        alignedBytes = 0
        textEnd = 0
        isFinished = false
    }
}

extension ElevenLabsAudioAssembler {
    /// Counts `text` the core sent (before chunking).
    public mutating func noteSent(_ text: String) {
        sentBytes += text.utf8.count
    }

    /// The events one message from ElevenLabs causes.
    public mutating func consume(_ message: ElevenLabsServerMessage) -> [TTSEvent] {
        guard !isFinished else { return [] }
        switch message {
        case .audio(let samples, let alignment):
            alignedBytes += alignment?.utf8Count ?? 0
            textEnd = max(textEnd, UInt32(clamping: min(alignedBytes, sentBytes)))
            guard !samples.isEmpty else { return [] }
            return [.audio(responseID: responseID, chunk: AudioChunk(samples: samples), textEnd: textEnd)]
        case .final:
            isFinished = true
            return [.done(responseID: responseID)]
        case .error(let message):
            return fail("elevenlabs: \(message)")
        }
    }

    /// The socket closed with `code` (nil: dropped without a close frame) before `isFinal`.
    public mutating func closed(code: Int?, reason: String?) -> [TTSEvent] {
        guard !isFinished else { return [] }
        let reasonText = reason.flatMap { $0.isEmpty ? nil : ": \($0)" } ?? ""
        return fail("elevenlabs: \(code.map { "close \($0)" } ?? "connection lost") before isFinal\(reasonText)")
    }

    /// The core cancelled the response: nothing more is reported.
    public mutating func cancel() {
        isFinished = true
    }

    /// A message could not be read; the response is over.
    public mutating func malformed(_ error: ProviderWireError) -> [TTSEvent] {
        guard !isFinished else { return [] }
        return fail("\(error)")
    }

    private mutating func fail(_ reason: String) -> [TTSEvent] {
        isFinished = true
        return [.failed(responseID: responseID, reason: reason)]
    }
}

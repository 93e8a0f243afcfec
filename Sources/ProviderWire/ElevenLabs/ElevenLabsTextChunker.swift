/// Cuts streamed text into the chunks ElevenLabs wants: each ends with a space.
///
/// Text arrives in LLM tokens (`" Hello"`, `" world"`); a chunk is sent once a space
/// completes a word, and the rest waits. `flush()` returns what is left with a space
/// appended. The text sent is the input with at most one space added at the end.
public struct ElevenLabsTextChunker: Equatable, Sendable {
    var pending: [UInt8]

    public init() {
        pending = []
    }
}

extension ElevenLabsTextChunker {
    /// Adds `text`; returns the chunk it completes, if any.
    public mutating func add(_ text: String) -> String? {
        pending.append(contentsOf: text.utf8)
        // The last space that follows a non-space: everything up to it is whole words.
        var cut: Int?
        var index = pending.count - 1
        while index > 0 {
            if pending[index] == UInt8(ascii: " ") && pending[index - 1] != UInt8(ascii: " ") {
                cut = index
                break
            }
            index -= 1
        }
        guard let cut else { return nil }
        let chunk = String(decoding: pending[...cut], as: UTF8.self)
        pending.removeFirst(cut + 1)
        return chunk
    }

    /// The rest of the text, ending with a space; nil when only spaces are left.
    public mutating func flush() -> String? {
        defer { pending.removeAll() }
        guard pending.contains(where: { $0 != UInt8(ascii: " ") }) else { return nil }
        var text = String(decoding: pending, as: UTF8.self)
        if pending.last != UInt8(ascii: " ") { text += " " }
        return text
    }
}

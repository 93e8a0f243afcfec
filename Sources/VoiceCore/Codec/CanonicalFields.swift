/// A canonical decoder that reads a value's fields with contexts relative to the value.
///
/// Contexts are string literals (no allocation on the happy path); an error is
/// given its full path (`ServerMessage.responseAudio.chunk.samples`) only as it
/// propagates outward, by `ByteReader.read(_:_:audio:)` and each public `init(from:audio:)`.
protocol CanonicalFields: CanonicalCodable {
    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError)
}

extension DecodeError {
    /// `self` with `outer` prepended to its context: `outer.context`.
    func nested(in outer: String) -> DecodeError {
        var copy = self
        copy.context = copy.context.isEmpty ? outer : outer + "." + copy.context
        return copy
    }
}

extension ByteReader {
    /// Decodes a nested value (or a top-level one, with the type's name as `context`);
    /// errors get `context` prepended.
    @inline(__always)
    mutating func read<Value: CanonicalFields>(
        _ type: Value.Type, _ context: String, audio: AudioEncoding
    ) throws(DecodeError) -> Value {
        do throws(DecodeError) {
            return try Value(fields: &self, audio: audio)
        } catch {
            throw error.nested(in: context)
        }
    }

    /// One byte naming an enum case (a tag or a raw value); unknown bytes throw `.unknownTag`.
    mutating func readRawEnum<Value: RawRepresentable>(
        _ context: String, as type: Value.Type = Value.self
    ) throws(DecodeError) -> Value where Value.RawValue == UInt8 {
        let raw = try readByte(context)
        guard let value = Value(rawValue: raw) else {
            throw DecodeError(context: context, offset: offset - 1, reason: .unknownTag(raw))
        }
        return value
    }

    /// An element count for an array whose elements take at least one byte each:
    /// refused when over `limit` or over the bytes left, before anything is reserved.
    mutating func readCount(_ context: String, limit: Int) throws(DecodeError) -> Int {
        try readLength(context, limit: UInt64(limit))
    }

    mutating func readInstant(_ context: String) throws(DecodeError) -> Instant {
        Instant(micros: try readSignedVarint(context))
    }
}

extension ByteSink {
    /// A non-negative `Int` (counts); a negative one is our bug.
    @inline(__always)
    mutating func writeCount(_ value: Int) {
        precondition(value >= 0, "negative count \(value)")
        writeVarint(UInt64(value))
    }

    @inline(__always)
    mutating func writeInstant(_ value: Instant) { writeSignedVarint(value.micros) }
}

/// Limits on decoded collections, so hostile input cannot make a decoder allocate much.
public enum CanonicalLimits {
    /// Conversation turns in one LLM request.
    public static let historyTurnsMax = 1 << 16
    /// Turn latencies recorded in one session's usage.
    public static let turnLatenciesMax = 1 << 20
}

extension Instant: CanonicalCodable {
    /// Signed (zig-zag) varint microseconds.
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        sink.writeInstant(self)
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.readInstant("Instant")
    }
}

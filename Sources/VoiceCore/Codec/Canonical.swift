/// How audio is written by a canonical encoding.
public enum AudioEncoding: UInt8, Sendable, CaseIterable {
    /// Every sample (wire frames, full-audio traces). Decoding recomputes the summary.
    case samples = 1
    /// Sample count and fingerprint only (digests, trace records; see `AudioChunk`'s codec).
    /// Decoding yields a chunk with `hasSamples == false` and `hasEnergies == false`.
    case summary = 2
}

/// A value with one canonical binary encoding: the same value always writes the
/// same bytes, on every platform and build. Digests, traces and the wire use it.
public protocol CanonicalEncodable {
    func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding)
}

/// The inverse of `CanonicalEncodable`; malformed input throws, never traps.
public protocol CanonicalDecodable {
    init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError)
}

public typealias CanonicalCodable = CanonicalEncodable & CanonicalDecodable

extension CanonicalEncodable {
    /// The canonical bytes of `self`.
    public func canonicalBytes(audio: AudioEncoding = .summary) -> [UInt8] {
        var writer = ByteWriter()
        encode(to: &writer, audio: audio)
        return writer.bytes
    }
}

extension CanonicalDecodable {
    /// Decodes exactly one value from `bytes`; trailing bytes are an error.
    public static func decode(_ bytes: [UInt8], audio: AudioEncoding = .summary) throws(DecodeError) -> Self {
        var reader = ByteReader(bytes)
        let value = try Self(from: &reader, audio: audio)
        try reader.expectEnd("\(Self.self)")
        return value
    }
}

extension Digest64 {
    /// Folds one action's canonical encoding into the running digest.
    package mutating func absorb<Value: CanonicalEncodable>(_ value: Value) {
        value.encode(to: &self, audio: .summary)
    }
}

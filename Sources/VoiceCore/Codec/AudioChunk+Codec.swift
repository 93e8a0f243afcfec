/// `.samples`: varint sample count, then each sample as little-endian Int16.
/// `.summary`: varint sample count, UInt32 fingerprint. The frame energies are left out: they
/// are a function of the samples the fingerprint stands for, and the core reads them only on
/// mic chunks, which a hash-only trace stores beside its records (`SummaryPacking`). So digests
/// cover a chunk's identity, and a reply chunk needs no energies to replay. Decoding yields a
/// chunk with neither samples nor energies.
///
/// Chunks over `AudioFormat.chunkSamplesMax` are refused by the decoder, so
/// encoding one is our bug (it would write bytes nobody can read back).
extension AudioChunk: CanonicalFields {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) {
        precondition(sampleCount <= AudioFormat.chunkSamplesMax,
                     "\(self) is over AudioFormat.chunkSamplesMax (\(AudioFormat.chunkSamplesMax))")
        sink.writeCount(sampleCount)
        switch audio {
        case .samples:
            precondition(hasSamples, "\(self) has only a summary; it cannot be encoded with .samples")
            AudioChunk.writeSamples(samples, to: &sink)
        case .summary:
            sink.writeUInt32(UInt32(truncatingIfNeeded: fingerprint))
        }
    }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.read(AudioChunk.self, "AudioChunk", audio: audio)
    }

    init(fields reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        let count = try reader.readVarint("sampleCount", as: Int.self)
        guard count <= AudioFormat.chunkSamplesMax else {
            throw reader.error("sampleCount",
                               .lengthLimit(length: UInt64(count), limit: UInt64(AudioFormat.chunkSamplesMax)))
        }
        switch audio {
        case .samples:
            self.init(samples: try AudioChunk.readSamples(count, from: &reader))
        case .summary:
            self.init(sampleCount: count, fingerprint: UInt64(try reader.readUInt32("fingerprint")), frameEnergies: [])
        }
    }

    /// - Complexity: O(`samples.count`), one block copy on little-endian machines.
    static func writeSamples<Sink: ByteSink>(_ samples: [Int16], to sink: inout Sink) {
        #if _endian(little)
        samples.withUnsafeBytes { sink.write(bytes: $0) }
        #else
        var bytes: [UInt8] = []
        bytes.reserveCapacity(samples.count * 2)
        for sample in samples {
            let bits = UInt16(bitPattern: sample)
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
        }
        bytes.withUnsafeBytes { sink.write(bytes: $0) }
        #endif
    }

    /// Reads `count` little-endian samples (`count` already checked against the limit).
    /// - Complexity: O(`count`), one block copy on little-endian machines.
    static func readSamples(_ count: Int, from reader: inout ByteReader) throws(DecodeError) -> [Int16] {
        try reader.withRawBytes(count * 2, "samples") { raw in
            [Int16](unsafeUninitializedCapacity: count) { buffer, initialized in
                #if _endian(little)
                if count > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw) }
                #else
                for index in 0..<count {
                    let bits = UInt16(raw[2 * index]) | UInt16(raw[2 * index + 1]) << 8
                    buffer[index] = Int16(bitPattern: bits)
                }
                #endif
                initialized = count
            }
        }
    }
}

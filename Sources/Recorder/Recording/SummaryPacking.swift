import VoiceCore

/// How a record's new chunk summaries are laid out in the chunk's side columns (schema 6).
///
/// Frame energies are mean squares of noisy audio: their top bits follow the sound's envelope
/// and compress, their low bits are noise and do not. Written as varints (schema 5), deflate saw
/// the two mixed in every byte and saved only a fifth. Each energy is split instead like a float,
/// and each part goes to its own column, so deflate models what it can and skips the rest:
///
///     fingerprints  8 bytes per chunk, little-endian (incompressible)
///     shapes        per chunk a varint sample count, then per frame one byte: the energy's bit
///                   length L (0...32)
///     heads         per frame with L ≥ 2, one byte: the 8 bits below the leading one (all L − 1
///                   of them when L ≤ 9)
///     tails         per frame with L > 9, its L − 9 lowest bits, most significant first; one
///                   record's tails are padded with zeros to a byte
///
/// A 10-minute hash-only call (47,873 frames): energies 125 kB deflated as varints, about
/// 101 kB this way; the tails, 54 kB of them, are the noise no lossless coder removes.
enum SummaryPacking {
    /// The side columns, in order.
    static let columnCount = 4
    /// Bits of each energy below its leading one that go to the heads column.
    static let headBits = 8
}

/// The four side columns of one record, being written.
struct SummaryColumnsWriter {
    var fingerprints: ByteWriter
    var shapes: ByteWriter
    var heads: ByteWriter
    var tails = BitWriter()

    init(chunkCount: Int) {
        fingerprints = ByteWriter(capacity: 8 * chunkCount)
        shapes = ByteWriter(capacity: 8 * chunkCount)
        heads = ByteWriter(capacity: 8 * chunkCount)
    }
}

extension SummaryColumnsWriter {
    /// Appends `chunk`'s summary.
    mutating func write(_ chunk: AudioChunk) {
        // The reader refuses larger chunks, so writing one is our bug (as for the canonical codec).
        precondition(chunk.sampleCount <= AudioFormat.chunkSamplesMax, "\(chunk) is over AudioFormat.chunkSamplesMax")
        fingerprints.writeUInt64(chunk.fingerprint)
        shapes.writeVarint(UInt64(chunk.sampleCount))
        for energy in chunk.frameEnergies {
            let length = UInt32.bitWidth - energy.leadingZeroBitCount
            shapes.write(UInt8(length))
            guard length >= 2 else { continue }
            let tailBits = max(0, length - 1 - SummaryPacking.headBits)
            let belowLeadingOne = energy ^ (1 << UInt32(length - 1))
            heads.write(UInt8(truncatingIfNeeded: belowLeadingOne >> UInt32(tailBits)))
            if tailBits > 0 { tails.write(UInt64(energy) & ((1 << UInt64(tailBits)) - 1), bits: tailBits) }
        }
    }

    /// The record's side columns (the tails padded to a byte).
    mutating func finish() -> [[UInt8]] {
        var tailBytes = ByteWriter(capacity: tails.bytes.count + 1)
        tails.finish(into: &tailBytes)
        return [fingerprints.bytes, shapes.bytes, heads.bytes, tailBytes.bytes]
    }
}

/// Reads the side columns of one table chunk, record by record.
struct SummaryColumnsReader {
    var fingerprints: ByteReader
    var shapes: ByteReader
    var heads: ByteReader
    var tails: ByteReader

    init(_ sides: [[UInt8]]) {
        precondition(sides.isEmpty || sides.count == SummaryPacking.columnCount, "\(sides.count) side columns")
        fingerprints = ByteReader(sides.isEmpty ? [] : sides[0])
        shapes = ByteReader(sides.isEmpty ? [] : sides[1])
        heads = ByteReader(sides.isEmpty ? [] : sides[2])
        tails = ByteReader(sides.isEmpty ? [] : sides[3])
    }
}

extension SummaryColumnsReader {
    /// Whether every column is used up.
    var isAtEnd: Bool { fingerprints.isAtEnd && shapes.isAtEnd && heads.isAtEnd && tails.isAtEnd }

    var remaining: Int { fingerprints.remaining + shapes.remaining + heads.remaining + tails.remaining }

    /// Fingerprints left: an upper bound on the chunks a record may announce.
    var chunksLeft: Int { fingerprints.remaining / 8 }

    /// The next record's `count` chunk summaries.
    /// - Complexity: O(frames of the chunks)
    mutating func read(_ count: Int) throws(DecodeError) -> [AudioChunk] {
        var shaped: [(fingerprint: UInt64, sampleCount: Int, lengths: [Int])] = []
        shaped.reserveCapacity(count)
        var tailBits = 0
        for _ in 0..<count {
            let fingerprint = try fingerprints.readUInt64("audio fingerprint")
            let sampleCount = try shapes.readVarint("audio sampleCount", as: Int.self)
            guard sampleCount <= AudioFormat.chunkSamplesMax else {
                throw shapes.error(
                    "audio sampleCount",
                    .lengthLimit(length: UInt64(sampleCount), limit: UInt64(AudioFormat.chunkSamplesMax)))
            }
            var lengths: [Int] = []
            let frames = AudioChunk.frameCount(samples: sampleCount)
            lengths.reserveCapacity(frames)
            for _ in 0..<frames {
                let length = Int(try shapes.readByte("audio energy bit length"))
                guard length <= UInt32.bitWidth else {
                    throw shapes.error("audio energy bit length", .valueOutOfRange("\(length) bits, at most 32"))
                }
                lengths.append(length)
                tailBits += max(0, length - 1 - SummaryPacking.headBits)
            }
            shaped.append((fingerprint, sampleCount, lengths))
        }
        var bits = BitReader(
            try tails.withRawBytes((tailBits + 7) / 8, "audio energy tails") { Array($0) })
        var chunks: [AudioChunk] = []
        chunks.reserveCapacity(count)
        for (fingerprint, sampleCount, lengths) in shaped {
            var energies: [UInt32] = []
            energies.reserveCapacity(lengths.count)
            for length in lengths { energies.append(try energy(length, &bits)) }
            chunks.append(AudioChunk(sampleCount: sampleCount, fingerprint: fingerprint, frameEnergies: energies))
        }
        guard bits.onlyPaddingLeft else {
            throw tails.error("audio energy tails", .valueOutOfRange("padding after \(tailBits) bits is not zero"))
        }
        return chunks
    }

    private mutating func energy(_ length: Int, _ bits: inout BitReader) throws(DecodeError) -> UInt32 {
        guard length >= 2 else { return UInt32(length) }
        let head = UInt32(try heads.readByte("audio energy head"))
        let headBits = min(length - 1, SummaryPacking.headBits)
        guard head >> UInt32(headBits) == 0 else {
            throw heads.error("audio energy head", .valueOutOfRange("\(head) has more than \(headBits) bits"))
        }
        let tailBits = length - 1 - headBits
        // The column holds exactly the bits the lengths announce, so running out is corruption.
        guard let tail = bits.read(tailBits) else {
            throw tails.error("audio energy tails", .truncated(needed: tailBits, available: 0))
        }
        return UInt32(1) << UInt32(length - 1) | head << UInt32(tailBits) | UInt32(tail)
    }
}

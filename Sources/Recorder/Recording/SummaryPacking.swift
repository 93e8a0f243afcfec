import VoiceCore

/// How a record's new chunk summaries are laid out in the chunk's side columns (schema 7).
///
/// Frame energies are kept to `AudioChunk.energyBitsKept` (9) significant bits, so each one is a
/// bit length and the 8 bits below its leading one, like a small float. Each part goes to its
/// own column, so deflate models what it can (lengths follow the sound's envelope and repeat):
///
///     fingerprints  4 bytes per chunk, little-endian (incompressible; see `AudioChunk.fingerprint`)
///     shapes        per chunk a varint: its sample count × 2, plus 1 when its energies follow;
///                   then, if they do, per frame one byte: the energy's bit length L (0...32)
///     heads         per frame with L ≥ 2, one byte: the bits below the leading one (all L − 1
///                   of them when L ≤ 9, the top 8 otherwise; the rest are zero)
///
/// Only mic chunks carry energies (`AudioCarrying.carriesMicAudio`): nothing reads those of reply
/// audio, and the core reads nothing else of audio but sample counts and fingerprints. A 10-minute hash-only call: 30,180 mic frames,
/// about 33 kB of energies; schema 6 kept all 47,873 frames at full precision, about 101 kB.
enum SummaryPacking {
    /// The side columns, in order.
    static let columnCount = 3
    /// Bits of each energy below its leading one (the heads column).
    static let headBits = AudioChunk.energyBitsKept - 1
}

/// The three side columns of one record, being written.
struct SummaryColumnsWriter {
    var fingerprints: ByteWriter
    var shapes: ByteWriter
    var heads: ByteWriter

    init(chunkCount: Int) {
        fingerprints = ByteWriter(capacity: 4 * chunkCount)
        shapes = ByteWriter(capacity: 8 * chunkCount)
        heads = ByteWriter(capacity: 8 * chunkCount)
    }
}

extension SummaryColumnsWriter {
    /// Appends `chunk`'s summary, with its energies when it has them.
    mutating func write(_ chunk: AudioChunk) {
        // The reader refuses larger chunks, so writing one is our bug (as for the canonical codec).
        precondition(chunk.sampleCount <= AudioFormat.chunkSamplesMax, "\(chunk) is over AudioFormat.chunkSamplesMax")
        fingerprints.writeUInt32(UInt32(truncatingIfNeeded: chunk.fingerprint))
        // A chunk of 0 samples has 0 frames: its energies are known, and written as none.
        let energies = chunk.hasEnergies && chunk.sampleCount > 0
        shapes.writeVarint(UInt64(chunk.sampleCount) << 1 | (energies ? 1 : 0))
        guard energies else { return }
        for energy in chunk.frameEnergies {
            let length = UInt32.bitWidth - energy.leadingZeroBitCount
            shapes.write(UInt8(length))
            guard length >= 2 else { continue }
            let dropped = max(0, length - 1 - SummaryPacking.headBits)
            let belowLeadingOne = energy ^ (1 << UInt32(length - 1))
            heads.write(UInt8(truncatingIfNeeded: belowLeadingOne >> UInt32(dropped)))
        }
    }

    /// The record's side columns.
    func finish() -> [[UInt8]] { [fingerprints.bytes, shapes.bytes, heads.bytes] }
}

/// Reads the side columns of one table chunk, record by record.
struct SummaryColumnsReader {
    var fingerprints: ByteReader
    var shapes: ByteReader
    var heads: ByteReader

    init(_ sides: [[UInt8]]) {
        precondition(sides.isEmpty || sides.count == SummaryPacking.columnCount, "\(sides.count) side columns")
        fingerprints = ByteReader(sides.isEmpty ? [] : sides[0])
        shapes = ByteReader(sides.isEmpty ? [] : sides[1])
        heads = ByteReader(sides.isEmpty ? [] : sides[2])
    }
}

extension SummaryColumnsReader {
    /// Whether every column is used up.
    var isAtEnd: Bool { fingerprints.isAtEnd && shapes.isAtEnd && heads.isAtEnd }

    var remaining: Int { fingerprints.remaining + shapes.remaining + heads.remaining }

    /// Fingerprints left: an upper bound on the chunks a record may announce.
    var chunksLeft: Int { fingerprints.remaining / 4 }

    /// The next record's `count` chunk summaries.
    /// - Complexity: O(frames of the chunks)
    mutating func read(_ count: Int) throws(DecodeError) -> [AudioChunk] {
        var chunks: [AudioChunk] = []
        chunks.reserveCapacity(count)
        for _ in 0..<count {
            let fingerprint = UInt64(try fingerprints.readUInt32("audio fingerprint"))
            let shape = try shapes.readVarint("audio sampleCount")
            let sampleCount = shape >> 1
            guard sampleCount <= UInt64(AudioFormat.chunkSamplesMax) else {
                throw shapes.error(
                    "audio sampleCount", .lengthLimit(length: sampleCount, limit: UInt64(AudioFormat.chunkSamplesMax)))
            }
            let frames = AudioChunk.frameCount(samples: Int(sampleCount))
            var energies: [UInt32] = []
            if shape & 1 == 1 {
                guard frames > 0 else {
                    throw shapes.error("audio sampleCount", .valueOutOfRange("energies announced for 0 samples"))
                }
                energies.reserveCapacity(frames)
                for _ in 0..<frames { energies.append(try energy()) }
            }
            chunks.append(AudioChunk(sampleCount: Int(sampleCount), fingerprint: fingerprint, frameEnergies: energies))
        }
        return chunks
    }

    private mutating func energy() throws(DecodeError) -> UInt32 {
        let length = Int(try shapes.readByte("audio energy bit length"))
        guard length <= UInt32.bitWidth else {
            throw shapes.error("audio energy bit length", .valueOutOfRange("\(length) bits, at most 32"))
        }
        guard length >= 2 else { return UInt32(length) }
        let head = UInt32(try heads.readByte("audio energy head"))
        let headBits = min(length - 1, SummaryPacking.headBits)
        guard head >> UInt32(headBits) == 0 else {
            throw heads.error("audio energy head", .valueOutOfRange("\(head) has more than \(headBits) bits"))
        }
        return UInt32(1) << UInt32(length - 1) | head << UInt32(length - 1 - headBits)
    }
}

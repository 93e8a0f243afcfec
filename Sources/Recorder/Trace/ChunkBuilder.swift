import VoiceCore

/// The chunk being filled, one buffer per column of the layout `TraceSchema` describes, so
/// flushing is one concatenation and one deflate call.
struct ChunkBuilder {
    /// Per record, the bit length of its time residual (`RecordTimeModel`, zig-zagged)…
    var timeLengths: ByteWriter
    /// …and the residual's bits below its leading one (`TimeResidualPacking`).
    var timeBits: BitWriter
    var timeModel: RecordTimeModel
    /// A varint length then the bytes, per record.
    var records: ByteWriter
    /// Side columns, as appended (see `TraceWriter.append`).
    var sides: [ByteWriter]
    var firstTime: Instant
    var lastTime: Instant
    var recordCount: Int64
    /// The chunk's audio entries, each framed as a varint length then its bytes.
    var audio: ByteWriter
    var audioCount: Int64

    init(capacity: Int) {
        timeLengths = ByteWriter(capacity: 1_024)
        timeBits = BitWriter()
        timeModel = RecordTimeModel(firstTime: .zero)
        records = ByteWriter(capacity: capacity)
        sides = []
        firstTime = .zero
        lastTime = .zero
        recordCount = 0
        audio = ByteWriter(capacity: 0)
        audioCount = 0
    }
}

extension ChunkBuilder {
    var isEmpty: Bool { recordCount == 0 }

    /// Bytes of the columns so far (about the chunk's future `raw_size`, which adds a small header).
    var rawSize: Int {
        timeLengths.bytes.count + timeBits.bytes.count + 1 + records.bytes.count + sides.reduce(0) { $0 + $1.bytes.count }
    }

    /// Framed audio bytes so far (the chunk's future `audio_raw_size`).
    var audioRawSize: Int { audio.bytes.count }

    /// Trace time the chunk covers so far.
    var spanMicros: Int64 { lastTime.micros(since: firstTime) }

    /// Frames `record` at `time`, which must not be before the previous record's time, and
    /// appends `sides[i]` to side column `i`.
    mutating func append(_ record: [UInt8], at time: Instant, sides newSides: [[UInt8]]) {
        if isEmpty {
            firstTime = time
            lastTime = time
            timeModel = RecordTimeModel(firstTime: time)
        }
        precondition(time >= lastTime, "record at \(time) is before the previous one at \(lastTime)")
        TimeResidualPacking.write(
            timeModel.encode(time, EventRecord.timeClass(of: record)), lengths: &timeLengths, bits: &timeBits)
        records.writeBytes(record)
        while sides.count < newSides.count { sides.append(ByteWriter(capacity: 1_024)) }
        for (index, bytes) in newSides.enumerated() where !bytes.isEmpty {
            bytes.withUnsafeBytes { sides[index].write(bytes: $0) }
        }
        lastTime = time
        recordCount += 1
    }

    /// Frames one audio entry.
    mutating func appendAudio(_ entry: [UInt8]) {
        audio.writeBytes(entry)
        audioCount += 1
    }

    /// The chunk's raw payload: the column header, then the columns; and where each column
    /// ends in it (a deflate block apiece: see `Zlib.deflate(_:blockEnds:level:)`).
    /// - Complexity: O(`rawSize`)
    func raw() -> (bytes: [UInt8], columnEnds: [Int]) {
        var raw = ByteWriter(capacity: rawSize + 8 * (4 + sides.count))
        var bits = timeBits
        var timeBitBytes = ByteWriter(capacity: bits.bytes.count + 1)
        bits.finish(into: &timeBitBytes)
        let columns = [timeLengths, timeBitBytes, records] + sides
        raw.writeVarint(UInt64(sides.count))
        for column in columns { raw.writeVarint(UInt64(column.bytes.count)) }
        var ends: [Int] = []
        for column in columns {
            column.bytes.withUnsafeBytes { raw.write(bytes: $0) }
            ends.append(raw.bytes.count)
        }
        return (raw.bytes, ends)
    }

    /// Empties the builder, keeping its buffers for the next chunk.
    mutating func removeAll() {
        timeLengths.removeAll()
        timeBits.removeAll()
        records.removeAll()
        for index in sides.indices { sides[index].removeAll() }
        sides.removeAll(keepingCapacity: true)
        recordCount = 0
        audio.removeAll()
        audioCount = 0
    }
}

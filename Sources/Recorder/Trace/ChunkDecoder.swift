import VoiceCore

/// Splits an inflated chunk payload back into records and side columns (layout described in
/// `TraceSchema`).
enum ChunkDecoder {
    /// The records in `raw`, numbered from `firstEventIndex`, timed from `firstTime`, and the
    /// side columns.
    ///
    /// Throws on any layout problem (column lengths that do not add up, a record length past
    /// its column, a varint too long, a time that overflows or goes back, counts that differ): the input is
    /// from disk, so it is checked, never trusted.
    static func decode(
        _ raw: [UInt8], firstTime: Instant, firstEventIndex: Int64, eventCount: Int64
    ) throws(DecodeError) -> (records: [TraceRecord], sides: [[UInt8]]) {
        var header = ByteReader(raw)
        let sideCount = try header.readVarint("side column count")
        guard sideCount <= UInt64(TraceSchema.sideColumnsMax) else {
            throw header.error("side column count", .valueOutOfRange("\(sideCount) side columns"))
        }
        var lengths: [Int] = []
        for _ in 0..<(3 + Int(sideCount)) {
            lengths.append(try header.readVarint("column length", as: Int.self))
        }
        var columns: [[UInt8]] = []
        var reader = header
        for (index, length) in lengths.enumerated() {
            guard length <= reader.remaining else {
                throw reader.error("column \(index)", .truncated(needed: length, available: reader.remaining))
            }
            columns.append(try reader.withRawBytes(length, "column \(index)") { Array($0) })
        }
        try reader.expectEnd("chunk columns")
        let records = try records(
            timeLengths: columns[0], timeBits: columns[1], records: columns[2], firstTime: firstTime,
            firstEventIndex: firstEventIndex, eventCount: eventCount)
        return (records, Array(columns[3...]))
    }

    private static func records(
        timeLengths: [UInt8], timeBits: [UInt8], records bytes: [UInt8], firstTime: Instant, firstEventIndex: Int64,
        eventCount: Int64
    ) throws(DecodeError) -> [TraceRecord] {
        var timeReader = ByteReader(timeLengths)
        var bits = BitReader(timeBits)
        var reader = ByteReader(bytes)
        var records: [TraceRecord] = []
        records.reserveCapacity(Int(min(eventCount, Int64(bytes.count))))
        var model = RecordTimeModel(firstTime: firstTime)
        var index = firstEventIndex
        while !reader.isAtEnd {
            let length = try timeReader.readByte("record \(index) time residual length")
            guard let stored = TimeResidualPacking.read(length, bits: &bits) else {
                throw timeReader.error(
                    "record \(index) time residual", .valueOutOfRange("\(length) bits, more than the column holds or 64"))
            }
            let record = try reader.readBytes("record \(index)")
            guard let time = model.decode(stored, EventRecord.timeClass(of: record)) else {
                throw timeReader.error(
                    "record \(index) time",
                    .valueOutOfRange("residual \(stored) puts it before the previous record or out of range"))
            }
            records.append(TraceRecord(index: index, time: time, bytes: record))
            index += 1
        }
        try timeReader.expectEnd("time residual lengths")
        guard bits.onlyPaddingLeft else {
            throw timeReader.error("time residual bits", .valueOutOfRange("bits or nonzero padding after the last record"))
        }
        return records
    }
}

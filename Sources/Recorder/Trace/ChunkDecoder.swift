import VoiceCore

/// Splits an inflated chunk payload back into records (framing described in `TraceSchema`).
enum ChunkDecoder {
    /// The records in `raw`, numbered from `firstEventIndex`, timed from `firstTime`.
    ///
    /// Throws on any framing problem (a length past the end, a varint too long, a time that
    /// overflows): the input is from disk, so it is checked, never trusted.
    static func records(
        from raw: [UInt8], firstTime: Instant, firstEventIndex: Int64
    ) throws(DecodeError) -> [TraceRecord] {
        var reader = ByteReader(raw)
        var records: [TraceRecord] = []
        var time = firstTime
        var index = firstEventIndex
        while !reader.isAtEnd {
            let delta = try reader.readVarint("record \(index) time delta", as: Int64.self)
            let (sum, overflow) = time.micros.addingReportingOverflow(delta)
            guard !overflow else {
                throw reader.error("record \(index) time", .valueOutOfRange("\(time) + \(delta) µs overflows"))
            }
            time = Instant(micros: sum)
            let bytes = try reader.readBytes("record \(index)")
            records.append(TraceRecord(index: index, time: time, bytes: bytes))
            index += 1
        }
        return records
    }
}

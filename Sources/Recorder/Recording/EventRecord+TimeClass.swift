extension EventRecord {
    /// The class whose earlier records predict this record's time (`RecordTimeModel`): its
    /// machine, its lane, its event's tag and the byte after it (the message, provider event or
    /// timer kind). Defined on any bytes, since the table layer calls it on whatever it stores.
    /// - Complexity: O(1) (reads at most 24 bytes)
    static func timeClass(of record: [UInt8]) -> UInt64 {
        var position = 0
        func byte() -> UInt64 {
            defer { position += 1 }
            return position < record.count ? UInt64(record[position]) : 0x100
        }
        func skipVarint() -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while position < record.count && shift < 64 {
                let next = record[position]
                position += 1
                value |= UInt64(next & 0x7F) << shift
                shift += 7
                if next < 0x80 { break }
            }
            return value
        }
        let machine = byte()
        let lane = skipVarint()
        _ = skipVarint()  // new audio count: not part of the kind
        let tag = byte()
        let kind = byte()
        return machine | tag << 9 | kind << 18 | (lane & 0xFFFF_FFFF) << 27
    }
}

import VoiceCore

/// The CRC-32 that covers one row of a trace's metadata tables (`row_checksum`).
///
/// Every column but `row_checksum` itself is encoded in a fixed form that includes its storage
/// class, so a byte flipped anywhere in the row (a value, or the type SQLite keeps for it, say
/// TEXT to BLOB or INTEGER to REAL) changes the checksum. BLOB payloads of chunks are not
/// encoded here: their own CRC-32 columns are, so the row checksum covers them one step removed
/// and never needs the payload bytes.
///
/// A CRC finds damage, not forgery: someone who edits a row and recomputes the checksum defeats
/// it (replay still recomputes the summary, see `Replayer`).
package enum RowChecksum {}

extension RowChecksum {
    /// The checksum of `values`, the row's columns in `TraceColumns` order, for `table`.
    /// - Complexity: O(size of the values)
    package static func of(table: String, _ values: [SQLiteValue]) -> UInt32 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        bytes.append(contentsOf: table.utf8)
        bytes.append(0)
        for value in values {
            switch value {
            case .null:
                bytes.append(0)
            case .integer(let integer):
                bytes.append(1)
                appendLittleEndian(UInt64(bitPattern: integer), to: &bytes)
            case .real(let real):
                bytes.append(2)
                appendLittleEndian(real.bitPattern, to: &bytes)
            case .text(let text):
                bytes.append(3)
                appendLittleEndian(UInt64(text.utf8.count), to: &bytes)
                bytes.append(contentsOf: text.utf8)
            case .blob(let blob):
                bytes.append(4)
                appendLittleEndian(UInt64(blob.count), to: &bytes)
                bytes.append(contentsOf: blob)
            }
        }
        return Zlib.crc32(bytes)
    }

    private static func appendLittleEndian(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}

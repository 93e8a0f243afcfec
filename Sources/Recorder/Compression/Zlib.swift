import CZlib

/// One-shot zlib (RFC 1950) compression of whole buffers, as trace chunks need.
///
/// The zlib format carries an Adler-32 of the uncompressed data, so a successful `inflate`
/// has already verified the payload; `crc32` is for checking stored bytes before inflating.
public enum Zlib {}

extension Zlib {
    /// Compresses `bytes` into one zlib stream.
    ///
    /// Cannot fail for valid input: the output buffer is `deflateBound`, which zlib guarantees
    /// is enough for a single `Z_FINISH` call.
    /// - Complexity: O(`bytes.count`)
    public static func deflate(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        deflate(bytes, blockEnds: [], level: level)
    }

    /// Compresses `bytes` into one zlib stream, ending a deflate block at each offset of
    /// `blockEnds` (ascending), so each part gets Huffman codes fitted to it alone.
    ///
    /// Parts with unlike statistics (noise beside counters) compress better this way than
    /// sharing codes; any inflater reads the stream as usual. Each block end costs about two
    /// bytes, which the output buffer allows for beyond `deflateBound`.
    /// - Complexity: O(`bytes.count`)
    public static func deflate(_ bytes: [UInt8], blockEnds: [Int], level: Int32 = 6) -> [UInt8] {
        precondition(bytes.count <= Int(UInt32.max), "zlib takes at most 4 GiB per call")
        let zstream = ZStream(.deflate, level: level)
        let stream = zstream.stream
        let bound = Int(deflateBound(stream, UInt(bytes.count))) + 16 * (blockEnds.count + 1)
        var output = [UInt8](repeating: 0, count: bound)
        let ends = blockEnds.filter { $0 > 0 && $0 < bytes.count } + [bytes.count]
        let produced = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = UInt32(out.count)
                var start = 0
                for (index, end) in ends.enumerated() where end >= start {
                    let isLast = index == ends.count - 1
                    guard end > start || isLast else { continue }
                    // zlib's next_in is not const for historical reasons; it never writes through it.
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0 + start })
                    stream.pointee.avail_in = UInt32(end - start)
                    let code = CZlib.deflate(stream, isLast ? Z_FINISH : Z_BLOCK)
                    precondition(
                        code == (isLast ? Z_STREAM_END : Z_OK) && stream.pointee.avail_in == 0,
                        "deflate with a buffer past deflateBound returned \(code)")
                    start = end
                }
                return out.count - Int(stream.pointee.avail_out)
            }
        }
        output.removeSubrange(produced...)
        return output
    }

    /// Inflates one zlib stream that must make up all of `bytes`.
    ///
    /// - Parameters:
    ///   - expectedSize: the size the caller expects (used to size the buffer, not trusted).
    ///   - limit: the most bytes the output may have; more throws `.outputLimitExceeded`
    ///     before allocating past it, so a corrupt or hostile stream cannot exhaust memory.
    /// - Complexity: O(output size)
    public static func inflate(_ bytes: [UInt8], expectedSize: Int, limit: Int) throws(ZlibError) -> [UInt8] {
        precondition(limit >= 0 && expectedSize >= 0, "negative inflate size")
        guard bytes.count <= Int(UInt32.max) else { throw .outputLimitExceeded(limit: limit) }
        let zstream = ZStream(.inflate)
        // One byte of headroom past the limit lets a too-long stream show itself.
        var output = [UInt8](repeating: 0, count: min(expectedSize, limit) + 1)
        var produced = 0
        let result: Result<Void, ZlibError> = bytes.withUnsafeBufferPointer { input in
            zstream.stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            zstream.stream.pointee.avail_in = UInt32(input.count)
            return inflateLoop(zstream, into: &output, produced: &produced, limit: limit, inputCount: input.count)
        }
        try result.get()
        output.removeSubrange(produced...)
        return output
    }

    /// Runs `inflate` until the stream ends, growing `output` up to `limit + 1` bytes.
    private static func inflateLoop(
        _ zstream: ZStream, into output: inout [UInt8], produced: inout Int, limit: Int, inputCount: Int
    ) -> Result<Void, ZlibError> {
        let stream = zstream.stream
        // Each pass either fills the output (then grows it, bounded by the limit) or consumes
        // input or stops, so the loop ends within O(limit + input) passes.
        while true {
            if produced == output.count {
                guard output.count <= limit else { return .failure(.outputLimitExceeded(limit: limit)) }
                output.append(contentsOf: repeatElement(0, count: min(max(output.count, 4_096), limit + 1 - output.count)))
            }
            let code = output.withUnsafeMutableBufferPointer { out in
                stream.pointee.next_out = out.baseAddress! + produced
                stream.pointee.avail_out = UInt32(min(out.count - produced, Int(UInt32.max)))
                let before = Int(stream.pointee.avail_out)
                let code = CZlib.inflate(stream, Z_NO_FLUSH)
                produced += before - Int(stream.pointee.avail_out)
                return code
            }
            switch code {
            case Z_STREAM_END:
                if produced > limit { return .failure(.outputLimitExceeded(limit: limit)) }
                let left = Int(stream.pointee.avail_in)
                return left == 0 ? .success(()) : .failure(.trailingBytes(count: left))
            case Z_OK:
                continue
            case Z_BUF_ERROR where stream.pointee.avail_out == 0:
                continue  // output full; the top of the loop grows it or reports the limit
            case Z_BUF_ERROR:
                // No progress possible with output space left: the input ran out mid-stream.
                return .failure(.truncated(consumedBytes: inputCount, producedBytes: produced))
            case Z_NEED_DICT:
                return .failure(.corrupt(code: code, message: "stream needs a preset dictionary"))
            default:
                return .failure(.corrupt(code: code, message: zstream.message(code: code)))
            }
        }
    }

    /// The CRC-32 (zlib's, the ISO-HDLC polynomial used by gzip and PNG) of `bytes`.
    /// - Complexity: O(`bytes.count`)
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: crc32_z(0, buffer.baseAddress, buffer.count))
        }
    }
}

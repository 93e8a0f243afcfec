import Recorder
import Testing

@Suite("Zlib")
struct ZlibTests {
    @Test("deflate then inflate gives back the same bytes, including empty input")
    func roundTrip() throws {
        for input in [
            [], [7], Array(repeating: 1, count: 100_000), (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 37) },
        ] as [[UInt8]] {
            let compressed = Zlib.deflate(input)
            #expect(try Zlib.inflate(compressed, expectedSize: input.count, limit: input.count) == input)
            // A wrong size hint only affects buffer growth, never the result.
            #expect(try Zlib.inflate(compressed, expectedSize: 0, limit: 1 << 20) == input)
        }
    }

    @Test("a corrupted stream is an error carrying zlib's message, not a trap")
    func corrupted() {
        var compressed = Zlib.deflate(Array(repeating: 42, count: 1_000))
        compressed[0] ^= 0xFF
        #expect(throws: ZlibError.corrupt(code: -3, message: "incorrect header check")) {
            try Zlib.inflate(compressed, expectedSize: 1_000, limit: 1_000)
        }
        // Flipping every later byte in turn never traps; each gives bytes or an error.
        let clean = Zlib.deflate((0..<2_000).map { UInt8(truncatingIfNeeded: $0 / 7) })
        for index in clean.indices {
            var damaged = clean
            damaged[index] ^= 0x5A
            _ = try? Zlib.inflate(damaged, expectedSize: 2_000, limit: 2_000)
        }
    }

    @Test("output above the limit, truncated input and trailing bytes are refused")
    func limits() {
        let input = [UInt8](repeating: 9, count: 10_000)
        let compressed = Zlib.deflate(input)
        #expect(throws: ZlibError.outputLimitExceeded(limit: 9_999)) {
            try Zlib.inflate(compressed, expectedSize: 10_000, limit: 9_999)
        }
        #expect(throws: ZlibError.self) {
            try Zlib.inflate(Array(compressed.dropLast(3)), expectedSize: 10_000, limit: 10_000)
        }
        #expect(throws: ZlibError.trailingBytes(count: 2)) {
            try Zlib.inflate(compressed + [0, 0], expectedSize: 10_000, limit: 10_000)
        }
        #expect(throws: ZlibError.self) { try Zlib.inflate([], expectedSize: 0, limit: 0) }
    }

    @Test("crc32 matches the standard check value")
    func crc32() {
        #expect(Zlib.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Zlib.crc32([]) == 0)
    }
}

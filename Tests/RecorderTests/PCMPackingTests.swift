import Testing
import VoiceCore

@testable import Recorder

@Suite("PCM packing")
struct PCMPackingTests {
    static func signal(_ kind: Int, count: Int, random: inout PRNG) -> [Int16] {
        (0..<count).map { index in
            switch kind {
            case 0: Int16(random.inRange(-120, 120))  // room noise
            case 1: Int16(clamping: (index % 100) * 300 - 15_000 + Int(random.inRange(-400, 400)))  // voiced
            case 2: Int16(truncatingIfNeeded: random.next())  // full-scale noise
            case 3: index % 2 == 0 ? .max : .min  // worst case for every predictor
            default: Int16(clamping: index * 37 % 2_000 - 1_000)  // smooth
            }
        }
    }

    @Test("every signal round-trips exactly, whichever predictor and coding it gets")
    func roundTrip() throws {
        var random = PRNG(seed: 1)
        var codings: Set<UInt8> = []
        var orders: Set<UInt8> = []
        for kind in 0..<5 {
            for count in [0, 1, 2, 3, 319, 320, 321, 1_600, 4_001] {
                let samples = Self.signal(kind, count: count, random: &random)
                let packed = PCMPacking.pack(samples)
                #expect(try PCMPacking.unpack(packed) == samples, "kind \(kind) count \(count)")
                orders.insert(packed[0] & 0x0F)
                codings.insert(packed[0] >> 4)
            }
        }
        #expect(codings == [PCMPacking.planesCoding, PCMPacking.riceCoding])
        #expect(orders == [0, 1, 2])
    }

    @Test("voiced audio is Rice-coded, room noise keeps byte planes, and both shrink")
    func choices() {
        var random = PRNG(seed: 2)
        let voiced = PCMPacking.pack(Self.signal(1, count: 1_600, random: &random))
        let noise = PCMPacking.pack(Self.signal(0, count: 1_600, random: &random))
        #expect(voiced[0] >> 4 == PCMPacking.riceCoding && voiced.count < 1_600 * 2 * 3 / 4)
        #expect(noise[0] >> 4 == PCMPacking.planesCoding)
        #expect(Zlib.deflate(noise, level: 1).count < 1_600 * 2 * 55 / 100)
    }

    @Test("damaged packed audio throws or decodes to other samples, never traps")
    func damage() {
        var random = PRNG(seed: 3)
        for kind in [0, 1, 2] {
            let packed = PCMPacking.pack(Self.signal(kind, count: 1_600, random: &random))
            for length in stride(from: 0, to: packed.count, by: 7) {
                _ = try? PCMPacking.unpack(Array(packed[..<length]))
            }
            for _ in 0..<300 {
                var damaged = packed
                damaged[Int(random.below(UInt64(damaged.count)))] ^= UInt8(1 + random.below(255))
                _ = try? PCMPacking.unpack(damaged)
            }
        }
        #expect(throws: DecodeError.self) { _ = try PCMPacking.unpack([0x13, 10]) }
        #expect(throws: DecodeError.self) { _ = try PCMPacking.unpack([0x01, 0xFF, 0xFF, 0xFF, 0x7F]) }
        // A unary run longer than any 16-bit residual allows.
        #expect(throws: DecodeError.self) {
            _ = try PCMPacking.unpack([0x10, 1, 0] + [UInt8](repeating: 0xFF, count: 9_000))
        }
    }

    @Test("bits written most significant first read back, and running out is nil")
    func bits() {
        var writer = BitWriter()
        writer.write(0b101, bits: 3)
        writer.writeOnes(70)
        writer.write(0, bits: 1)
        writer.write(0x1234, bits: 16)
        var sink = ByteWriter()
        writer.finish(into: &sink)
        var reader = BitReader(sink.bytes)
        #expect(reader.read(3) == 0b101)
        #expect(reader.readOnes(limit: 100) == 70)
        #expect(reader.read(16) == 0x1234)
        #expect(reader.onlyPaddingLeft)
        #expect(reader.read(8) == nil)
        var short = BitReader([0xFF, 0xFF])
        #expect(short.readOnes(limit: 100) == nil)
        var long = BitReader([0xFF, 0xFF, 0x00])
        #expect(long.readOnes(limit: 10) == nil)
    }
}

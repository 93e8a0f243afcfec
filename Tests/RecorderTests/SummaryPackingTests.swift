import Testing
import VoiceCore

@testable import Recorder

@Suite("Summary packing and record times (schema 7)")
struct SummaryPackingTests {
    /// Energies of every bit length 0...32, at both ends of each length (as a chunk keeps them).
    static let energiesOfEveryLength: [UInt32] = {
        var energies: [UInt32] = [0, 1]
        for length in 2...32 {
            let lowest: UInt32 = 1 << UInt32(length - 1)
            let highest: UInt32 = UInt32.max >> UInt32(32 - length)
            energies += [lowest, AudioChunk.keptPrecision(highest)]
        }
        return energies
    }()

    /// Chunks of every awkward size, and the last one without energies (as a reply chunk is kept).
    static func chunks(_ random: inout PRNG) -> [AudioChunk] {
        var pool = energiesOfEveryLength
        return [0, 1, 319, 320, 321, 1_600, 1_601, 3_200, 16_000, 1_600].enumerated().map { position, sampleCount in
            let frames = AudioChunk.frameCount(samples: sampleCount)
            let energies = (0..<frames).map { _ in
                pool.isEmpty ? UInt32(truncatingIfNeeded: random.next()) : pool.removeFirst()
            }
            let chunk = AudioChunk(sampleCount: sampleCount, fingerprint: random.next(), frameEnergies: energies)
            return position == 9 ? chunk.withoutEnergies : chunk
        }
    }

    /// Writes `records` (each a list of chunks) and joins the side columns as a table chunk would.
    static func columns(_ records: [[AudioChunk]]) -> [[UInt8]] {
        var joined: [[UInt8]] = Array(repeating: [], count: SummaryPacking.columnCount)
        for record in records {
            var writer = SummaryColumnsWriter(chunkCount: record.count)
            for chunk in record { writer.write(chunk) }
            for (index, column) in writer.finish().enumerated() { joined[index] += column }
        }
        return joined
    }

    @Test("summaries of every energy bit length and frame count come back exactly, with or without energies")
    func roundTrip() throws {
        var random = PRNG(seed: 6)
        let all = Self.chunks(&random)
        #expect(all.flatMap(\.frameEnergies).count > Self.energiesOfEveryLength.count)
        #expect(all.contains { !$0.hasEnergies } && all.contains { $0.hasEnergies && $0.sampleCount > 0 })
        let records = [Array(all[0..<3]), [all[3]], Array(all[4...])]
        var reader = SummaryColumnsReader(Self.columns(records))
        for record in records {
            let read = try reader.read(record.count)
            #expect(read == record)
            #expect(read.map(\.frameEnergies) == record.map(\.frameEnergies))
            #expect(read.map(\.fingerprint) == record.map(\.fingerprint))
        }
        #expect(reader.isAtEnd)
    }

    @Test("an energy is its bit length and the 8 bits below its leading one; a chunk without energies is its shape alone")
    func layout() {
        // 11 bits: the leading one, the 8 bits below it, and 2 more the chunk did not keep.
        let energy: UInt32 = 0b1_0110_1001_10
        let chunk = AudioChunk(sampleCount: 320, fingerprint: 0x1_0000_0007, frameEnergies: [energy])
        #expect(chunk.frameEnergies == [0b1_0110_1001_00])
        #expect(chunk.fingerprint == 7)
        let columns = Self.columns([[chunk]])
        #expect(columns[0] == [7, 0, 0, 0])
        #expect(columns[1] == [0x81, 0x05, 11])  // 320 × 2 + 1 (energies follow) as a varint, then the bit length
        #expect(columns[2] == [0b0110_1001])
        let bare = Self.columns([[chunk.withoutEnergies]])
        #expect(bare[1] == [0x80, 0x05] && bare[2].isEmpty)
    }

    @Test("damaged summary columns are refused with the field named, never trusted")
    func damage() {
        let chunk = AudioChunk(sampleCount: 320, fingerprint: 7, frameEnergies: [0b1_0110_1001_10])
        var columns = Self.columns([[chunk]])
        columns[1][2] = 33
        #expect(Self.error(columns)?.context.contains("bit length") == true)
        columns = Self.columns([[AudioChunk(sampleCount: 320, fingerprint: 7, frameEnergies: [5])]])
        columns[2][0] = 0xFF  // a 3-bit energy whose head has 8 bits
        #expect(Self.error(columns)?.context.contains("head") == true)
        columns = Self.columns([[chunk]])
        columns[2] = []
        #expect(Self.error(columns)?.context.contains("head") == true)
        columns = Self.columns([[AudioChunk(sampleCount: 0, fingerprint: 7, frameEnergies: [])]])
        columns[1] = [0x01]  // energies announced for 0 samples
        #expect(Self.error(columns)?.context.contains("sampleCount") == true)
    }

    static func error(_ columns: [[UInt8]]) -> DecodeError? {
        var reader = SummaryColumnsReader(columns)
        do {
            _ = try reader.read(1)
            return nil
        } catch {
            return error
        }
    }

    @Test("records of a steady class cost a zero residual; the model decodes what it encoded")
    func timeModel() {
        // Mic chunks every 100 ms and acks after jittered latencies, interleaved.
        let mic = EventRecord.timeClass(of: [EventRecord.clientMachine, 0, 1, 6, 0])
        let ack = EventRecord.timeClass(of: [EventRecord.clientMachine, 0, 0, 5, 9])
        #expect(mic != ack)
        var times: [(Instant, UInt64)] = []
        var random = PRNG(seed: 9)
        for index in 0..<50 {
            let tick = Int64(index) * 100_000
            times.append((Instant(micros: 1_000_000 + tick), mic))
            times.append((Instant(micros: 1_030_000 + tick + Int64(random.below(5_000))), ack))
        }
        var encoder = RecordTimeModel(firstTime: times[0].0)
        let stored = times.map { encoder.encode($0.0, $0.1) }
        // From the third mic chunk on, its class's pace predicts it exactly.
        #expect(stride(from: 4, to: stored.count, by: 2).allSatisfy { stored[$0] == 0 })
        var decoder = RecordTimeModel(firstTime: times[0].0)
        #expect(zip(stored, times).map { decoder.decode($0, $1.1) } == times.map(\.0))
    }

    @Test("time residuals of every bit length come back exactly from their two columns")
    func timeResidualPacking() {
        let residuals: [UInt64] = [0, 1, 2, 3, 255, 1 << 31, 1 << 32, (1 << 33) + 5, 1 << 56, 1 << 57 | 3, .max]
        var lengths = ByteWriter()
        var bits = BitWriter()
        for residual in residuals { TimeResidualPacking.write(residual, lengths: &lengths, bits: &bits) }
        #expect(lengths.bytes == residuals.map { UInt8(64 - $0.leadingZeroBitCount) })
        var bytes = ByteWriter()
        bits.finish(into: &bytes)
        // Each residual's bits below its leading one, nothing else: 0 + 0 + 1 + 1 + 7 + 31 + … + 63.
        let bitCount = residuals.reduce(0) { $0 + max(0, 63 - $1.leadingZeroBitCount) }
        #expect(bytes.bytes.count == (bitCount + 7) / 8)
        var reader = BitReader(bytes.bytes)
        #expect(lengths.bytes.map { TimeResidualPacking.read($0, bits: &reader) } == residuals)
        #expect(reader.onlyPaddingLeft)
        var short = BitReader(Array(bytes.bytes.dropLast()))
        #expect(lengths.bytes.map { TimeResidualPacking.read($0, bits: &short) }.last! == nil)
        var empty = BitReader([])
        #expect(TimeResidualPacking.read(65, bits: &empty) == nil)
    }

    @Test("a prediction never falls before the previous record, so a late class costs no more than its lateness")
    func timePredictionClamped() {
        var model = RecordTimeModel(firstTime: Instant(micros: 0))
        _ = model.encode(Instant(micros: 0), 1)
        _ = model.encode(Instant(micros: 100), 1)  // class 1 steps 100 µs: next predicted at 200
        _ = model.encode(Instant(micros: 900), 2)
        // Predicted at max(900, 200) = 900, so 905 costs zig-zag 5 = 10, not 705.
        #expect(model.encode(Instant(micros: 905), 1) == 10)
    }

    @Test("a residual that would put a record before the previous one is refused")
    func timeGoingBack() {
        var model = RecordTimeModel(firstTime: Instant(micros: 500))
        #expect(model.decode(20, 1) == Instant(micros: 510))
        #expect(model.decode(1, 2) == nil)  // zig-zag 1 is −1: before 510
    }

    @Test("the time class is defined on any bytes, including records cut short")
    func timeClassOfShortRecords() {
        #expect(EventRecord.timeClass(of: []) == EventRecord.timeClass(of: []))
        #expect(EventRecord.timeClass(of: [1]) != EventRecord.timeClass(of: [2]))
        #expect(EventRecord.timeClass(of: [1, 0x80, 0x80]) == EventRecord.timeClass(of: [1, 0x80, 0x80]))
        // The new-audio count is not part of the class.
        #expect(EventRecord.timeClass(of: [1, 0, 0, 6, 0]) == EventRecord.timeClass(of: [1, 0, 1, 6, 0]))
    }
}

import Foundation

/// 16 kHz mono PCM16 WAV files: the one format `voicesim call` reads and writes.
public enum WAVFile {
    public static let sampleRate: UInt32 = 16_000

    /// A file that is not a 16 kHz mono PCM16 WAV, with what is wrong.
    public struct Error: Swift.Error, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String

        public var description: String { "\(path): \(reason)" }
    }

    /// The samples of a 16 kHz mono PCM16 WAV file.
    public static func read(path: String) throws(WAVFile.Error) -> [Int16] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Error(path: path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse([UInt8](data), path: path)
    }

    /// Parses WAV bytes; `path` names them in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(WAVFile.Error) -> [Int16] {
        guard bytes.count >= 12, bytes[0..<4] == [0x52, 0x49, 0x46, 0x46], bytes[8..<12] == [0x57, 0x41, 0x56, 0x45]
        else { throw Error(path: path, reason: "not a WAV file (no RIFF/WAVE header)") }
        var offset = 12
        var format: (channels: UInt16, rate: UInt32, bits: UInt16, code: UInt16)?
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(le32(bytes, offset + 4))
            let body = offset + 8
            guard size <= bytes.count - body else {
                if id == "data" { return try samples(bytes, body, bytes.count - body, format, path) }
                throw Error(path: path, reason: "chunk \"\(id)\" at byte \(offset) runs past the end of the file")
            }
            switch id {
            case "fmt ":
                guard size >= 16 else { throw Error(path: path, reason: "fmt chunk of \(size) bytes is too short") }
                format = (le16(bytes, body + 2), le32(bytes, body + 4), le16(bytes, body + 14), le16(bytes, body))
            case "data":
                return try samples(bytes, body, size, format, path)
            default:
                break
            }
            offset = body + size + (size & 1)
        }
        throw Error(path: path, reason: "no data chunk")
    }

    private static func samples(
        _ bytes: [UInt8], _ start: Int, _ size: Int, _ format: (channels: UInt16, rate: UInt32, bits: UInt16, code: UInt16)?,
        _ path: String
    ) throws(WAVFile.Error) -> [Int16] {
        guard let format else { throw Error(path: path, reason: "data chunk before the fmt chunk") }
        guard format.code == 1 || format.code == 0xFFFE, format.bits == 16 else {
            throw Error(path: path, reason: "format \(format.code) with \(format.bits)-bit samples; expected PCM16")
        }
        guard format.channels == 1 else { throw Error(path: path, reason: "\(format.channels) channels; expected mono") }
        guard format.rate == sampleRate else {
            throw Error(path: path, reason: "\(format.rate) Hz; expected \(sampleRate) Hz (resample with sox first)")
        }
        let count = size / 2
        var samples = [Int16](repeating: 0, count: count)
        for index in 0..<count {
            samples[index] = Int16(bitPattern: UInt16(bytes[start + 2 * index]) | UInt16(bytes[start + 2 * index + 1]) << 8)
        }
        return samples
    }

    /// The bytes of a 16 kHz mono PCM16 WAV file holding `samples`.
    public static func encode(_ samples: [Int16]) -> [UInt8] {
        let dataBytes = UInt32(samples.count * 2)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(44 + samples.count * 2)
        bytes += Array("RIFF".utf8) + le(36 + dataBytes) + Array("WAVE".utf8)
        bytes += Array("fmt ".utf8) + le(UInt32(16)) + le(UInt16(1)) + le(UInt16(1)) + le(sampleRate)
        bytes += le(sampleRate * 2) + le(UInt16(2)) + le(UInt16(16))
        bytes += Array("data".utf8) + le(dataBytes)
        for sample in samples {
            let value = UInt16(bitPattern: sample)
            bytes.append(UInt8(truncatingIfNeeded: value))
            bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        }
        return bytes
    }

    public static func write(_ samples: [Int16], path: String) throws {
        try Data(encode(samples)).write(to: URL(fileURLWithPath: path))
    }

    private static func le16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func le32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    private static func le(_ value: UInt16) -> [UInt8] { [UInt8(truncatingIfNeeded: value), UInt8(value >> 8)] }

    private static func le(_ value: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(value >> 24)]
    }
}

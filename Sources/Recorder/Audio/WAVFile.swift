import VoiceCore

/// A RIFF/WAVE file of 16 kHz signed 16-bit PCM, little-endian, interleaved channels.
public enum WAVFile {
    /// The 44-byte header plus the samples of `channels` (all the same length), interleaved.
    /// - Complexity: O(samples)
    public static func bytes(channels: [[Int16]]) -> [UInt8] {
        precondition(!channels.isEmpty && channels.allSatisfy { $0.count == channels[0].count }, "channel lengths")
        let frames = channels[0].count
        let channelCount = channels.count
        let dataBytes = frames * channelCount * 2
        var out: [UInt8] = []
        out.reserveCapacity(44 + dataBytes)
        func text(_ value: String) { out.append(contentsOf: Array(value.utf8)) }
        func u32(_ value: Int) { for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> shift)) } }
        func u16(_ value: Int) { out.append(UInt8(truncatingIfNeeded: value)); out.append(UInt8(truncatingIfNeeded: value >> 8)) }
        let rate = Int(AudioFormat.sampleRateHz)
        text("RIFF"); u32(36 + dataBytes); text("WAVE")
        text("fmt "); u32(16); u16(1); u16(channelCount); u32(rate); u32(rate * channelCount * 2)
        u16(channelCount * 2); u16(16)
        text("data"); u32(dataBytes)
        for frame in 0..<frames {
            for channel in channels { u16(Int(UInt16(bitPattern: channel[frame]))) }
        }
        return out
    }
}

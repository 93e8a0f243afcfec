/// 16-bit little-endian PCM, the byte layout of Deepgram's `linear16` audio frames and
/// ElevenLabs' `pcm_16000` output.
public enum PCM16LE {
    /// The bytes of `samples`, low byte first.
    /// - Complexity: O(`samples.count`)
    public static func bytes(_ samples: some Collection<Int16>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(samples.count * 2)
        for sample in samples {
            let bits = UInt16(bitPattern: sample)
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
        }
        return bytes
    }

    /// The samples in `bytes`; an odd byte count is a broken frame.
    /// - Complexity: O(`bytes.count`)
    public static func samples(
        _ bytes: some Collection<UInt8>, provider: ProviderWireError.Provider
    ) throws(ProviderWireError) -> [Int16] {
        guard bytes.count % 2 == 0 else {
            throw ProviderWireError(provider, "PCM16 audio of \(bytes.count) bytes: not a whole number of samples")
        }
        var samples: [Int16] = []
        samples.reserveCapacity(bytes.count / 2)
        var iterator = bytes.makeIterator()
        while let low = iterator.next(), let high = iterator.next() {
            samples.append(Int16(bitPattern: UInt16(low) | UInt16(high) << 8))
        }
        return samples
    }
}

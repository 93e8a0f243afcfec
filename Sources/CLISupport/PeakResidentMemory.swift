#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The peak resident memory of this process's own address space.
///
/// Why not `getrusage`: on Linux its `ru_maxrss` of a process started by `posix_spawn` (a
/// vfork) starts at the peak of the parent that spawned it, so a small child run from a
/// large parent reports the parent's peak. `VmHWM` in /proc/self/status is the high-water
/// mark of this address space alone.
package enum PeakResidentMemory {
    /// `VmHWM` in KiB, or nil where /proc/self/status has none (not Linux).
    package static func highWaterKiB() -> Int? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix("VmHWM:") else { continue }
            // "VmHWM:\t   12345 kB"
            return Int(text.dropFirst("VmHWM:".count).filter { $0 >= "0" && $0 <= "9" })
        }
        return nil
    }

    /// The best measure available: `VmHWM` where there is one, else `ru_maxrss`.
    package static func bytes() -> Int {
        highWaterKiB().map { $0 * 1_024 } ?? FileHandleLite.peakResidentBytes()
    }
}

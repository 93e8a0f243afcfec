#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few process-level calls the CLI needs, without Foundation.
enum FileHandleLite {
    static func writeToStandardError(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    }

    /// Monotonic seconds, for reporting wall time only.
    static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }

    /// Peak resident set size of this process, in bytes.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1_024
    }
}

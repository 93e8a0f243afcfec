#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Recorder

/// The few process-level calls the CLI needs, without Foundation.
package enum FileHandleLite {
    package static func writeToStandardError(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    }

    /// Pushes buffered `print` output out now (a long-running command's first lines).
    package static func flushOutput() {
        fflush(nil)
    }

    /// Pushes buffered standard output out now (a long-running command's banner).
    static func flushStandardOutput() {
        fflush(nil)
    }

    /// Monotonic seconds, for reporting wall time only.
    package static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }

    /// Peak resident set size of this process, in bytes.
    package static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1_024
    }

    /// Writes `text` to `path`, replacing it; a failure names the path and exits 2.
    package static func writeFile(_ text: String, to path: String) throws {
        guard let file = FileSystemPath.withCString(path, { fopen($0, "w") }) else {
            printError("error: cannot write \(sanitizedForTerminal(path)): \(String(cString: strerror(errno)))")
            throw VoiceSimExit.badInput
        }
        defer { fclose(file) }
        guard fputs(text, file) >= 0 else {
            printError("error: writing \(sanitizedForTerminal(path)) failed: \(String(cString: strerror(errno)))")
            throw VoiceSimExit.badInput
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scratch trace files for commands that record only to measure or replay at once.
package enum TemporaryTrace {
    /// A path in `$TMPDIR` (or /tmp) unique to this process, e.g. `voicesim-demo-4242.sqlite`.
    package static func path(_ label: String) -> String {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        return "\(folder)/voicesim-\(label)-\(getpid()).sqlite"
    }

    /// Bytes on disk of the trace and its write-ahead log (0 for a missing file).
    package static func fileBytes(_ path: String) -> Int64 {
        ["", "-wal"].reduce(0) { total, suffix in
            var info = stat()
            return total + (stat(path + suffix, &info) == 0 ? Int64(info.st_size) : 0)
        }
    }

    /// Removes the trace and its WAL companions.
    package static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }
}

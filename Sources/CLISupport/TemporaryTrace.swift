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

    /// Removes the trace and its WAL companions.
    package static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }
}

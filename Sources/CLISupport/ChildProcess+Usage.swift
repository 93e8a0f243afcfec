#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ChildProcess {
    /// What one finished child process cost.
    package struct Usage: Equatable, Sendable {
        /// Exit status (128 + the signal when a signal ended it).
        package var status: Int32
        /// The child's own peak resident set size (`ru_maxrss` from `wait4`), in bytes.
        package var peakResidentBytes: Int
        /// Wall time from spawn to reaped.
        package var wallSeconds: Double
    }

    /// Runs `path` with `arguments`, its output discarded, and returns its exit status, peak
    /// resident memory and wall time, or nil when it could not be started.
    ///
    /// Why `wait4`: the peak resident size must be the child's alone, not this process's
    /// (`getrusage(RUSAGE_CHILDREN)` would take the largest of every child so far).
    package static func runMeasured(_ path: String, _ arguments: [String]) -> Usage? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let started = FileHandleLite.monotonicSeconds()
        var pid = pid_t()
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { return nil }
        }
        let wallSeconds = FileHandleLite.monotonicSeconds() - started
        let signal = status & 0x7F
        return Usage(
            status: signal == 0 ? (status >> 8) & 0xFF : 128 + signal,
            peakResidentBytes: Int(usage.ru_maxrss) * 1_024, wallSeconds: wallSeconds)
    }
}

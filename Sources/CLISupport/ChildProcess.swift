#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starting another program and waiting for it, without Foundation: enough for `bench` to time
/// `voicesim` itself as a whole process.
package enum ChildProcess {
    /// Runs `path` with `arguments`, its output discarded, and returns its exit status
    /// (128 + the signal when a signal ended it), or nil when it could not be started.
    package static func run(_ path: String, _ arguments: [String]) -> Int32? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        return spawn(path, arguments, &actions).flatMap(waitForExit)
    }

    /// Starts `path` with `arguments` and the file `actions`; its pid, or nil when it could not start.
    static func spawn(_ path: String, _ arguments: [String], _ actions: inout posix_spawn_file_actions_t) -> pid_t? {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        return posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 ? pid : nil
    }

    /// Reaps `pid`: its exit status (128 + the signal when a signal ended it), or nil when
    /// waiting failed.
    static func waitForExit(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return nil }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// The path of the running executable (Linux: /proc/self/exe), or nil when unknown.
    package static var ownExecutable: String? {
        var buffer = [CChar](repeating: 0, count: 4_096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return CommandLine.arguments.first.flatMap { $0.contains("/") ? $0 : nil } }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

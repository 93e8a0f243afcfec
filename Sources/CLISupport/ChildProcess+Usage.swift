#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ChildProcess {
    /// What one finished child process printed and how long it took.
    package struct Captured: Equatable, Sendable {
        /// Exit status (128 + the signal when a signal ended it).
        package var status: Int32
        /// Everything it wrote to standard output (its standard error is discarded).
        package var output: String
        /// Wall time from spawn to reaped.
        package var wallSeconds: Double
    }

    /// Runs `path` with `arguments` and returns its exit status, standard output and wall
    /// time, or nil when it could not be started.
    package static func runCapturingOutput(_ path: String, _ arguments: [String]) -> Captured? {
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { return nil }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let started = FileHandleLite.monotonicSeconds()
        let pid = spawn(path, arguments, &actions)
        close(writeEnd)
        defer { close(readEnd) }
        guard let pid else { return nil }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                output += buffer[..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        guard let status = waitForExit(pid) else { return nil }
        return Captured(
            status: status,
            output: String(decoding: output, as: UTF8.self),
            wallSeconds: FileHandleLite.monotonicSeconds() - started)
    }
}

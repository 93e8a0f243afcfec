import CLISupport
import Recorder

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands the live commands (`serve`, `call`, `proxy`, `providers`, `fidelity`, `bench live`) over to the
/// `voicesim-live` executable beside this one, so that the simulator's binary carries none of
/// the networking stack: it builds in a fraction of the time and starts faster.
enum LiveHandOver {
    /// Subcommands that live in `voicesim-live`.
    static let commands: Set<String> = ["serve", "call", "proxy", "providers", "speak", "transcribe", "fidelity"]

    /// Whether `arguments` (without the program name) name a live command.
    static func isLive(_ arguments: [String]) -> Bool {
        guard let first = arguments.first else { return false }
        if commands.contains(first) { return true }
        return first == "bench" && arguments.dropFirst().first == "live"
    }

    /// Replaces this process with `voicesim-live` and the same arguments; returns only on failure.
    static func exec(_ arguments: [String]) -> Never {
        let path = siblingPath("voicesim-live")
        let argv = [path] + arguments
        var cArguments = argv.map { FileSystemPath.withCString($0) { strdup($0) } }
        cArguments.append(nil)
        execv(path, cArguments)
        let reason = String(cString: strerror(errno))
        printError("""
            error: `voicesim \(arguments.prefix(arguments.first == "bench" ? 2 : 1).joined(separator: " "))` runs in the live runtime, \(path), which could not be started \
            (\(reason)). Build it with `swift build --product voicesim-live` (a plain `swift build` builds both).
            """)
        exit(2)
    }

    /// `name` in the directory of the running executable.
    private static func siblingPath(_ name: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4_096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let me = count > 0 ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : CommandLine.arguments[0]
        guard let slash = me.lastIndex(of: "/") else { return name }
        return String(me[...slash]) + name
    }
}

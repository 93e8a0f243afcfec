#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import CLISupport
import Recorder

/// A trace file and, optionally, which of its sessions.
struct TraceOptions: ParsableArguments {
    @Argument(help: "The SQLite trace file.")
    var trace: String

    @Option(help: "The session id (required when the trace holds more than one).")
    var session: Int64?

    /// Opens the trace, or prints why not and exits 2.
    func open() throws -> TraceReader { try Self.open(trace) }

    static func open(_ path: String) throws -> TraceReader {
        do {
            return try TraceReader(path: path)
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
    }
}

/// Runs `body`; a `DebugError` is printed and exits 2.
func orBadInput<Value>(_ body: () throws(DebugError) -> Value) throws -> Value {
    do {
        return try body()
    } catch {
        printError("error: \(error)")
        throw VoiceSimExit.badInput
    }
}

/// Writes `bytes` to `path`, replacing it; a failure names the path and exits 2.
func writeBytes(_ bytes: [UInt8], to path: String) throws {
    guard let file = FileSystemPath.withCString(path, { fopen($0, "wb") }) else {
        printError("error: cannot write \(sanitizedForTerminal(path)): \(String(cString: strerror(errno)))")
        throw VoiceSimExit.badInput
    }
    defer { fclose(file) }
    let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    guard written == bytes.count else {
        printError("error: writing \(path) failed: \(String(cString: strerror(errno)))")
        throw VoiceSimExit.badInput
    }
}

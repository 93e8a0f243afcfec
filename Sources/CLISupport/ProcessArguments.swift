#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Recorder

/// The process's arguments as given, before the argument parser sees them.
package enum ProcessArguments {
    /// The arguments without the program name, byte-exact: an argument that is not UTF-8 (a
    /// file name, say) keeps its bytes (see `FileSystemPath`) instead of having them replaced
    /// by U+FFFD, which would name another file. Fails with a message for an argument that
    /// already holds the code points used to carry such bytes.
    package static func current() -> Result<[String], ArgumentProblem> {
        var arguments: [String] = []
        for index in 1..<max(1, Int(CommandLine.argc)) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
            guard let argument = FileSystemPath.decode(bytes) else {
                return .failure(ArgumentProblem(message: "argument \(index) holds characters U+10FF80…U+10FFFF, "
                    + "which voicesim reserves for the bytes of file names that are not UTF-8"))
            }
            arguments.append(argument)
        }
        return .success(arguments)
    }

    /// The first argument (before any `--`) that the parser would take for options although
    /// it names an existing file, such as `-h.sqlite` (read as `-h`: help).
    package static func flagLikeFile(in arguments: [String]) -> String? {
        for argument in arguments {
            if argument == "--" { return nil }
            // "-x" alone is an option as typed; longer ones are what the parser splits into flags.
            guard argument.hasPrefix("-"), !argument.hasPrefix("--"), argument.count > 2 else { continue }
            // Any file, empty or not (SQLite's own check skips empty ones).
            if FileSystemPath.withCString(argument, { access($0, F_OK) == 0 }) { return argument }
        }
        return nil
    }

    /// The arguments for the parser: `current()`, with a usage error (exit 64) for an
    /// argument that cannot be carried or a flag-like file name. Both executables start here.
    package static func checked() -> [String] {
        let arguments: [String]
        switch current() {
        case .success(let given): arguments = given
        case .failure(let problem):
            printError("error: \(problem.message)")
            exit(VoiceSimExit.usage.rawValue)
        }
        if let file = flagLikeFile(in: arguments) {
            printError("error: \(flagLikeFileMessage(file))")
            exit(VoiceSimExit.usage.rawValue)
        }
        return arguments
    }

    /// Why `file` is refused, and what to write instead.
    package static func flagLikeFileMessage(_ file: String) -> String {
        let shown = sanitizedForTerminal(file)
        return "'\(shown)' names a file, but would be read as options; write ./\(shown), or put -- before it"
    }
}

/// Arguments that cannot be handed to the parser, and why.
package struct ArgumentProblem: Error {
    package let message: String
}

import ArgumentParser
import CLISupport
import Recorder

struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Step through a recorded session against the current core, forwards and backwards.",
        discussion: """
            Commands: step [n], next turn, continue [KIND | TIME | divergence], back [n], \
            print client|server [lane], actions, where, marks, help, quit (short forms: s n c b p a w m h q). \
            On a terminal: line editing and history, and an empty line repeats the last command. Otherwise \
            commands are read from standard input, one per line, each echoed before its output, so a \
            session can be scripted:
              printf 'continue interruption\\nprint client\\n' | voicesim debug calls.sqlite
            Exit 0 at quit or end of input, 1 when a command was not understood (scripted input), 2 on a \
            bad trace or session.
            """
    )

    @OptionGroup var trace: TraceOptions

    func run() throws {
        let reader = try trace.open()
        var session = try orBadInput { () throws(DebugError) in try reader.debugSession(trace.session) }
        let editor = LineEditor()
        let prompt = "(vsdb) "
        if editor.isInteractive {
            print("session \(session.session.id): \(session.events.count) inputs, \(session.marks.count) marks; "
                + "type help for the commands")
        }
        var last: String?
        var failed = false
        while let read = editor.readLine(prompt: prompt) {
            var line = read.trimmingCharacters(in: " \t")
            if line.isEmpty, editor.isInteractive, let last { line = last }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if !editor.isInteractive { print(prompt + line) }
            switch DebuggerCommand.parse(line) {
            case .failure(let error):
                print("error: \(error)")
                failed = true
            case .success(.quit):
                if failed { throw VoiceSimExit.failure }
                return
            case .success(let command):
                last = line
                let output = session.run(command)
                if !output.isEmpty { print(sanitizedForTerminal(output, keepingNewlines: true)) }
            }
            FileHandleLite.flushOutput()
        }
        if failed && !editor.isInteractive { throw VoiceSimExit.failure }
    }
}

extension String {
    /// Without leading and trailing characters of `set`.
    func trimmingCharacters(in set: String) -> String {
        let isTrimmed: (Character) -> Bool = { set.contains($0) }
        return String(drop(while: isTrimmed).reversed().drop(while: isTrimmed).reversed())
    }
}

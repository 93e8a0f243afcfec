#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads command lines: on a terminal, with editing (←/→, backspace, ctrl-A/E/U) and history
/// (↑/↓); otherwise plain lines from standard input, so scripts can drive a command.
package final class LineEditor {
    package let isInteractive: Bool
    package private(set) var history: [String] = []
    let historyMax = 500

    package init() {
        isInteractive = isatty(0) == 1 && isatty(1) == 1
    }

    /// The next line without its newline; nil at end of input (ctrl-D on an empty line).
    package func readLine(prompt: String) -> String? {
        guard isInteractive else { return Swift.readLine(strippingNewline: true) }
        var original = termios()
        guard tcgetattr(0, &original) == 0 else { return Swift.readLine(strippingNewline: true) }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        raw.c_cc.6 = 1  // VMIN
        raw.c_cc.5 = 0  // VTIME
        tcsetattr(0, TCSAFLUSH, &raw)
        defer { tcsetattr(0, TCSAFLUSH, &original) }
        let line = edit(prompt: prompt)
        if let line, !line.isEmpty, line != history.last {
            history.append(line)
            if history.count > historyMax { history.removeFirst() }
        }
        return line
    }

    private func edit(prompt: String) -> String? {
        var buffer: [Character] = []
        var cursor = 0
        var recall = history.count
        func redraw() {
            let text = String(buffer)
            let back = buffer.count - cursor
            write("\r\u{1B}[K" + prompt + text + (back > 0 ? "\u{1B}[\(back)D" : ""))
        }
        redraw()
        while let byte = readByte() {
            switch byte {
            case 10, 13:
                write("\n")
                return String(buffer)
            case 4:
                if buffer.isEmpty {
                    write("\n")
                    return nil
                }
            case 3:
                write("^C\n")
                return ""
            case 127, 8:
                if cursor > 0 {
                    buffer.remove(at: cursor - 1)
                    cursor -= 1
                }
            case 1: cursor = 0
            case 5: cursor = buffer.count
            case 21:
                buffer.removeFirst(cursor)
                cursor = 0
            case 27:
                guard readByte() == 91, let code = readByte() else { break }
                switch code {
                case 65 where recall > 0:
                    recall -= 1
                    buffer = Array(history[recall])
                    cursor = buffer.count
                case 66 where recall < history.count:
                    recall += 1
                    buffer = recall == history.count ? [] : Array(history[recall])
                    cursor = buffer.count
                case 67: cursor = min(buffer.count, cursor + 1)
                case 68: cursor = max(0, cursor - 1)
                default: break
                }
            case 32...126:
                buffer.insert(Character(UnicodeScalar(byte)), at: cursor)
                cursor += 1
            default:
                break
            }
            redraw()
        }
        return buffer.isEmpty ? nil : String(buffer)
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        return read(0, &byte, 1) == 1 ? byte : nil
    }

    private func write(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes in _ = Glibc.write(1, bytes.baseAddress, bytes.count) }
    }
}

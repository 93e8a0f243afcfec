#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error, drawn only when standard error is a terminal:
/// piped or redirected output stays clean for scripts.
///
/// Redraws at most every 100 ms; `finish()` clears the line.
package final class ProgressBar {
    let label: String
    let isEnabled: Bool
    var lastDrawSeconds = 0.0
    var drawn = false

    package init(_ label: String, enabled: Bool = isatty(2) == 1) {
        self.label = label
        isEnabled = enabled
    }

    /// Shows `done` of `total`.
    package func update(_ done: Int64, of total: Int64) {
        guard isEnabled, total > 0 else { return }
        let now = FileHandleLite.monotonicSeconds()
        guard now - lastDrawSeconds >= 0.1 || done >= total else { return }
        lastDrawSeconds = now
        drawn = true
        FileHandleLite.writeToStandardError("\r" + Self.line(label: label, done: done, total: total, width: 30))
    }

    /// Removes the bar.
    package func finish() {
        guard isEnabled, drawn else { return }
        FileHandleLite.writeToStandardError("\r\u{1B}[K")
        drawn = false
    }

    /// `label [#########.....]  45% (450/1000)`.
    package static func line(label: String, done: Int64, total: Int64, width: Int) -> String {
        let clamped = min(max(done, 0), total)
        let filled = Int(clamped * Int64(width) / max(total, 1))
        let percent = clamped * 100 / max(total, 1)
        return "\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] \(percent)% (\(clamped)/\(total))"
    }
}

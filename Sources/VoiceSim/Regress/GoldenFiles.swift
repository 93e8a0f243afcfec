import Foundation

/// File operations on goldens: traces come with SQLite's `-wal` and `-shm` companions.
enum GoldenFiles {
    static func removeTrace(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Puts the finished trace at `source` in place of `target`.
    static func replaceTrace(_ target: String, with source: String) throws {
        removeTrace(at: target)
        try FileManager.default.moveItem(atPath: source, toPath: target)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.moveItem(atPath: source + suffix, toPath: target + suffix)
        }
    }

    /// Rewrites the expectations file, each old sentence replaced by its new one (comments and
    /// layout kept).
    static func rewriteSentences(in path: String, _ replacements: [(old: String, new: String)]) throws {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        for (old, new) in replacements where old != new { text = text.replacingOccurrences(of: old, with: new) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

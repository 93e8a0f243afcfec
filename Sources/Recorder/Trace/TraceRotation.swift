/// Which file new sessions are recorded into: `live.sqlite`, then `live-2.sqlite`,
/// `live-3.sqlite`, … once the current one has grown past `bytesMax` (`serve --rotate-mb`,
/// `run --record --max-mb`).
///
/// A session stays in the file it started in (a trace session is never split): a writer given
/// the same bound (`TraceWriter.Options.bytesMax`) stops recording a session that would take
/// the file past it. Rotated files are plain traces: `replay`, `inspect` and `query` read each
/// on its own.
package struct TraceRotation {
    package let basePath: String
    /// nil: never rotate.
    package let bytesMax: Int64?
    package private(set) var index: Int

    package init(basePath: String, bytesMax: Int64?) {
        self.basePath = basePath
        self.bytesMax = bytesMax
        index = 1
        // After a restart, carry on in the first file that still has room.
        while isFull(path(index)) { index += 1 }
    }

    /// The file for a session starting now.
    package mutating func pathForNewSession() -> String {
        while isFull(path(index)) { index += 1 }
        return path(index)
    }

    /// The `index`th file: the base path, then `stem-2.ext`, `stem-3.ext`, … beside it.
    package func path(_ index: Int) -> String {
        guard index > 1 else { return basePath }
        let nameStart = basePath.lastIndex(of: "/").map { basePath.index(after: $0) } ?? basePath.startIndex
        // A leading dot starts a hidden name, not an extension.
        guard let dot = basePath[nameStart...].lastIndex(of: "."), dot > nameStart else {
            return "\(basePath)-\(index)"
        }
        return "\(basePath[..<dot])-\(index)\(basePath[dot...])"
    }

    /// Whether `path` and its `-wal` have reached `bytesMax`.
    package func isFull(_ path: String) -> Bool {
        guard let bytesMax else { return false }
        return Self.fileBytes(path) + Self.fileBytes(path + "-wal") >= bytesMax
    }

    /// The size of the file at `path` in bytes; 0 when there is none.
    package static func fileBytes(_ path: String) -> Int64 {
        FileIdentity.bytes(path)
    }
}

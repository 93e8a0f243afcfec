import Foundation

/// Which file new live sessions are recorded into: `live.sqlite`, then `live-2.sqlite`,
/// `live-3.sqlite`, … once the current one has grown past `bytesMax`.
///
/// A session stays in the file it started in (a trace session is never split), so a file
/// may end a little over the bound. Rotated files are plain traces: `replay`, `inspect` and
/// `query` read each on its own.
struct TraceRotation {
    let basePath: String
    /// nil: never rotate.
    let bytesMax: Int64?
    private(set) var index: Int

    init(basePath: String, bytesMax: Int64?) {
        self.basePath = basePath
        self.bytesMax = bytesMax
        index = 1
        // After a restart, carry on in the first file that still has room.
        while isFull(path(index)) { index += 1 }
    }

    /// The file for a session starting now.
    mutating func pathForNewSession() -> String {
        while isFull(path(index)) { index += 1 }
        return path(index)
    }

    func path(_ index: Int) -> String {
        guard index > 1 else { return basePath }
        let url = URL(fileURLWithPath: basePath)
        let stem = url.deletingPathExtension().lastPathComponent
        let ext = url.pathExtension
        let name = ext.isEmpty ? "\(stem)-\(index)" : "\(stem)-\(index).\(ext)"
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    private func isFull(_ path: String) -> Bool {
        guard let bytesMax else { return false }
        return TraceRotation.fileBytes(path) + TraceRotation.fileBytes(path + "-wal") >= bytesMax
    }

    static func fileBytes(_ path: String) -> Int64 {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber
        else { return 0 }
        return size.int64Value
    }
}

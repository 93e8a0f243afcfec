import CSQLite

/// Which file a path names right now (device and inode): enough to notice a file deleted or
/// replaced behind an open handle.
package struct FileIdentity: Equatable, Sendable {
    package let device: UInt64
    package let inode: UInt64

    /// The file at `path`, or nil when there is none (or it cannot be looked at).
    package init?(path: String) {
        guard let found = Self.stat(path) else { return nil }
        device = found.device
        inode = found.inode
    }

    /// The size of the file at `path` in bytes; 0 when there is none.
    package static func bytes(_ path: String) -> Int64 {
        stat(path)?.bytes ?? 0
    }

    private static func stat(_ path: String) -> (device: UInt64, inode: UInt64, bytes: Int64)? {
        var device: UInt64 = 0
        var inode: UInt64 = 0
        var bytes: Int64 = 0
        let code = FileSystemPath.withCString(path) { csqlite_file_identity($0, &device, &inode, &bytes) }
        return code == 0 ? (device, inode, bytes) : nil
    }
}

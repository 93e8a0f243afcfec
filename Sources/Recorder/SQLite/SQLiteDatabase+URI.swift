import CSQLite

extension SQLiteDatabase {
    /// A `file:` URI for `path` with `parameters` (e.g. `["mode=ro", "immutable=1"]`), every byte
    /// but the unreserved ones percent-encoded, so any path survives (`?`, `#`, `%` included).
    public static func fileURI(_ path: String, _ parameters: [String]) -> String {
        var uri = "file:"
        for byte in FileSystemPath.bytes(path) {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                uri.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                uri += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
        }
        return parameters.isEmpty ? uri : uri + "?" + parameters.joined(separator: "&")
    }

    /// Whether a file exists at `path`, asked through SQLite's default VFS (no Foundation).
    public static func fileExists(_ path: String) -> Bool {
        guard let vfs = sqlite3_vfs_find(nil), let access = vfs.pointee.xAccess else { return false }
        var result: Int32 = 0
        let code = FileSystemPath.withCString(path) { access(vfs, $0, SQLITE_ACCESS_EXISTS, &result) }
        return code == SQLITE_OK && result != 0
    }
}

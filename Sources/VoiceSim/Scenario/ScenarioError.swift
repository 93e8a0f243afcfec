/// A scenario file that cannot be used, with where and why.
///
/// `path` names the bad field the way a reader would find it
/// (`users[2].utterances[0].text`); it is empty when the whole file is at fault (not
/// found, not JSON/YAML). `line` is known for YAML files.
///
///     scenarios/flaky.yaml:14: faults[1].endMs: expected a non-negative integer (milliseconds), found -5
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file, or the built-in scenario's name, or `<text>` for an unnamed string.
    public var file: String
    public var path: String
    public var reason: String
    /// 1-based line of the bad value, when the format reports one.
    public var line: Int?

    public init(file: String = "", path: String, reason: String, line: Int? = nil) {
        self.file = file
        self.path = path
        self.reason = reason
        self.line = line
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return path.isEmpty ? "\(location): \(reason)" : "\(location): \(path): \(reason)"
    }
}

import VoiceCore

/// Reads the fields of one object in a scenario document, remembering which were read so
/// that anything left over is reported as an unknown field (a typo must not be ignored).
///
///     var fields = try ScenarioFields(node, path: "network.up")
///     let latency = try fields.optional("baseLatencyMs", ScenarioFields.durationMicros)
///     try fields.finish()   // throws for "baseLatencyMS" or any other unread key
struct ScenarioFields {
    let path: String
    let pairs: [(key: String, value: ScenarioNode)]
    let line: Int?
    /// Every key asked for, in the order asked: the list of valid fields.
    private(set) var known: [String] = []

    init(_ node: ScenarioNode, path: String) throws(ScenarioError) {
        guard case .object(let pairs) = node.value else {
            throw ScenarioError(path: path, reason: "expected an object, found \(node.found)", line: node.line)
        }
        self.path = path
        self.pairs = pairs
        line = node.line
    }
}

extension ScenarioFields {
    /// `users` + `id` → `users.id`; the root's fields have no prefix.
    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func path(of key: String) -> String { ScenarioFields.join(path, key) }

    func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    /// The value of `key`, decoded; nil when absent (an explicit null is an error).
    mutating func optional<T>(
        _ key: String,
        _ decode: (ScenarioNode, String) throws(ScenarioError) -> T
    ) throws(ScenarioError) -> T? {
        known.append(key)
        guard let node = pairs.first(where: { $0.key == key })?.value else { return nil }
        return try decode(node, path(of: key))
    }

    /// The value of `key`, decoded; an error when absent.
    mutating func required<T>(
        _ key: String,
        _ decode: (ScenarioNode, String) throws(ScenarioError) -> T
    ) throws(ScenarioError) -> T {
        guard let value = try optional(key, decode) else {
            throw ScenarioError(path: path(of: key), reason: "missing required field", line: line)
        }
        return value
    }

    /// Throws for the first field (in file order) that nobody asked for.
    func finish() throws(ScenarioError) {
        for (key, node) in pairs where !known.contains(key) {
            var reason = "unknown field \"\(key)\""
            if let guess = ScenarioFields.closest(to: key, among: known) { reason += " (did you mean \"\(guess)\"?)" }
            reason += "; valid fields here: \(known.joined(separator: ", "))"
            throw ScenarioError(path: path(of: key), reason: reason, line: node.line)
        }
    }

    /// The known name within edit distance 2 of `key` (case-insensitive), if any.
    static func closest(to key: String, among names: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for name in names {
            let distance = editDistance(Array(key.lowercased().utf8), Array(name.lowercased().utf8))
            if distance <= 2 && distance < (best?.distance ?? Int.max) { best = (name, distance) }
        }
        return best?.name
    }

    private static func editDistance(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        var previous = Array(0...rhs.count)
        for (i, left) in lhs.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: rhs.count)
            for (j, right) in rhs.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
            }
            previous = current
        }
        return previous[rhs.count]
    }
}

// MARK: value decoders, each `(node, path) throws -> value`

extension ScenarioFields {
    /// Largest duration a file may give: 30 days, far beyond any run, far below overflow.
    static let durationMillisMax: Int64 = 30 * 24 * 3_600 * 1_000

    static func fail(_ node: ScenarioNode, _ path: String, expected: String) -> ScenarioError {
        ScenarioError(path: path, reason: "expected \(expected), found \(node.found)", line: node.line)
    }

    static func string(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> String {
        guard case .string(let text) = node.value else { throw fail(node, path, expected: "a string") }
        return text
    }

    static func nonEmptyString(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> String {
        guard case .string(let text) = node.value, !text.allSatisfy(\.isWhitespace) else {
            throw fail(node, path, expected: "a non-empty string")
        }
        return text
    }

    static func integer(
        _ node: ScenarioNode, _ path: String, min: Int64, max: Int64,
        expected: String
    ) throws(ScenarioError) -> Int64 {
        guard case .integer(let number) = node.value, number >= min, number <= max else {
            throw fail(node, path, expected: expected)
        }
        return number
    }

    static func nonNegativeInteger(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Int64 {
        try integer(node, path, min: 0, max: Int64.max, expected: "a non-negative integer")
    }

    static func positiveInteger(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Int64 {
        try integer(node, path, min: 1, max: Int64.max, expected: "a positive integer")
    }

    /// A `…Ms` field: non-negative whole milliseconds, returned in microseconds.
    static func durationMicros(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Int64 {
        try integer(node, path, min: 0, max: durationMillisMax, expected: "a non-negative integer (milliseconds)")
            * 1_000
    }

    /// A `…Ms` field that must be above zero.
    static func positiveDurationMicros(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Int64 {
        try integer(node, path, min: 1, max: durationMillisMax, expected: "a positive integer (milliseconds)") * 1_000
    }

    /// A `…Ppm` field: parts per million, 0…1 000 000.
    static func ppm(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Ratio {
        .ppm(
            UInt64(
                try integer(
                    node, path, min: 0, max: 1_000_000,
                    expected: "parts per million (an integer from 0 to 1000000)")))
    }

    /// One of `choices` (a string), returned with its index.
    static func choice(_ node: ScenarioNode, _ path: String, _ choices: [String]) throws(ScenarioError) -> Int {
        guard case .string(let text) = node.value, let index = choices.firstIndex(of: text) else {
            throw fail(node, path, expected: "one of \(choices.joined(separator: ", "))")
        }
        return index
    }

    /// A list, each element decoded with its `path[i]`.
    static func list<T>(
        _ node: ScenarioNode, _ path: String,
        _ element: (ScenarioNode, String) throws(ScenarioError) -> T
    ) throws(ScenarioError) -> [T] {
        guard case .array(let items) = node.value else { throw fail(node, path, expected: "a list") }
        var values: [T] = []
        values.reserveCapacity(items.count)
        for (index, item) in items.enumerated() { values.append(try element(item, "\(path)[\(index)]")) }
        return values
    }

    /// A 64-bit seed: a non-negative integer or a hex string `"0x…"`.
    static func seed(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> UInt64 {
        switch node.value {
        case .integer(let number) where number >= 0:
            return UInt64(number)
        case .string(let text) where text.hasPrefix("0x") || text.hasPrefix("0X"):
            if let value = UInt64(text.dropFirst(2).filter { $0 != "_" }, radix: 16) { return value }
        case .string(let text):
            if let value = UInt64(text) { return value }
        default:
            break
        }
        throw fail(node, path, expected: "a non-negative integer or a hex string like \"0x5eed\"")
    }
}

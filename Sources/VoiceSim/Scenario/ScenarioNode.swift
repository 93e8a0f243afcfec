import Yams

/// A parsed scenario document before it is given meaning: the common shape of JSON and
/// YAML, with the line of each value when the format knows it.
///
/// Objects keep their keys in file order (YAML) or sorted order (JSON, whose parser does
/// not keep the order), so errors are reported in a stable order.
struct ScenarioNode {
    enum Value {
        case null
        case bool(Bool)
        case integer(Int64)
        /// A non-integer number, as written.
        case number(String)
        case string(String)
        case array([ScenarioNode])
        case object([(key: String, value: ScenarioNode)])
    }

    var value: Value
    var line: Int?
}

extension ScenarioNode {
    /// What a value is, for "expected …, found …" messages: strings quoted, numbers as
    /// written, containers by kind.
    var found: String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let text): text
        case .string(let text): "\"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
        case .array: "a list"
        case .object: "an object"
        }
    }

    // MARK: YAML

    /// Parses YAML text (a single document).
    ///
    /// Read first with `Resolver.basic` (no rules), which leaves untagged plain scalars to
    /// `YAML11Resolver`: `Resolver.default` compiles its regular expressions through ICU. A
    /// document that fails is read again with `Resolver.default`, because the basic one calls
    /// keys such as `yes` and `"yes"` duplicates, and some messages quote the tags Yams
    /// resolved: bad files fail, or pass, exactly as they did.
    static func parseYAML(_ text: String) throws(ScenarioError) -> ScenarioNode {
        do {
            return try parseYAML(text, resolver: .basic)
        } catch {
            return try parseYAML(text, resolver: .default)
        }
    }

    private static func parseYAML(_ text: String, resolver: Resolver) throws(ScenarioError) -> ScenarioNode {
        // Nodes hold their anchors weakly and only the parser keeps them alive: once it is
        // gone every `anchor` reads nil, and the check in `convert` would walk the aliases.
        let parser: Parser
        let root: Node?
        do {
            // An empty `Constructor`, because nodes are converted here, not by Yams.
            parser = try Parser(yaml: text, resolver: resolver, constructor: Constructor([:], [:], [:]), encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw ScenarioNode.describe(error)
        } catch {
            throw ScenarioError(path: "", reason: "invalid YAML: \(error)")
        }
        guard let root else { throw ScenarioError(path: "", reason: "the file is empty") }
        return try withExtendedLifetime(parser) { () throws(ScenarioError) -> ScenarioNode in try convert(root) }
    }

    /// Refuses anchors before looking inside: an alias is composed as the very node its anchor
    /// names, so the first anchored node met, in document order, is the anchor itself, and
    /// nothing an alias would repeat is ever visited (a few hundred bytes of nested aliases
    /// would otherwise expand to billions of nodes).
    private static func convert(_ node: Node) throws(ScenarioError) -> ScenarioNode {
        let line = node.mark?.line
        if let anchor = node.anchor {
            throw ScenarioError(
                path: "", reason: "YAML anchors and aliases are not supported (found &\(anchor.rawValue)); "
                    + "write each value out", line: line)
        }
        switch node {
        case .scalar(let scalar):
            return ScenarioNode(value: try scalarValue(node, scalar), line: line)
        case .sequence(let sequence):
            var items: [ScenarioNode] = []
            for item in sequence { items.append(try convert(item)) }
            return ScenarioNode(value: .array(items), line: line)
        case .mapping(let mapping):
            var pairs: [(key: String, value: ScenarioNode)] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw ScenarioError(
                        path: "", reason: "keys must be plain names, found \(key)", line: key.mark?.line)
                }
                pairs.append((keyScalar.string, try convert(value)))
            }
            return ScenarioNode(value: .object(pairs), line: line)
        case .alias:
            throw ScenarioError(path: "", reason: "YAML anchors and aliases are not supported", line: line)
        }
    }

    private static func scalarValue(_ node: Node, _ scalar: Node.Scalar) throws(ScenarioError) -> Value {
        // An untagged plain scalar still has the implicit tag: nothing resolves a value's tag
        // before this (`node.tag` would, to `str` with the basic resolver).
        let implicit = scalar.tag.description == Tag.Name.implicit.rawValue
        let tag = implicit ? YAML11Resolver.tag(ofPlain: scalar.string) : Tag.Name(rawValue: node.tag.description)
        if scalar.style == .plain, tag == .int || tag == .float, let hint = YAML11Number.hint(scalar.string) {
            throw ScenarioError(path: "", reason: hint, line: node.mark?.line)
        }
        switch tag {
        case .null:
            return .null
        case .bool:
            return node.bool.map(Value.bool) ?? .string(scalar.string)
        case .int:
            let number = implicit ? YAML11Resolver.integer(ofPlain: scalar.string) : node.int.map(Int64.init)
            if let number { return .integer(number) }
            return .number(scalar.string)
        case .float:
            return .number(scalar.string)
        default:
            return .string(scalar.string)
        }
    }

    private static func describe(_ error: YamlError) -> ScenarioError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return ScenarioError(path: "", reason: "invalid YAML: \(prefix)\(problem)", line: mark.line)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ScenarioError(
                path: "", reason: "duplicate keys \(duplicates.joined(separator: ", "))",
                line: context.mark.line)
        default:
            return ScenarioError(path: "", reason: "invalid YAML: \(error)")
        }
    }

    // MARK: JSON

    /// Parses JSON text strictly (see `StrictJSON`): duplicate keys, trailing commas and
    /// integers outside Int64 are refused or kept as written, with the line of the problem.
    static func parseJSON(_ text: String) throws(ScenarioError) -> ScenarioNode {
        try StrictJSON.parse(text)
    }
}

import Foundation
import VoiceCore

/// Reading scenarios from files, strings and the built-in list.
extension Scenario {
    /// The formats a scenario can be written in.
    public enum Format: Sendable {
        case json
        case yaml

        /// `.json` files are JSON, `.yaml`/`.yml` are YAML; otherwise text starting with
        /// `{` is JSON and anything else YAML.
        public static func detect(fileName: String, text: String) -> Format {
            let lower = fileName.lowercased()
            if lower.hasSuffix(".json") { return .json }
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
            return text.first(where: { !$0.isWhitespace }) == "{" ? .json : .yaml
        }
    }

    /// Parses scenario text; `fileName` names it in errors and picks the format when
    /// `format` is nil.
    public static func parse(
        _ text: String, fileName: String = "<text>", format: Format? = nil
    ) throws(ScenarioError)
        -> Scenario
    {
        do {
            let node: ScenarioNode
            switch format ?? Format.detect(fileName: fileName, text: text) {
            case .json: node = try ScenarioNode.parseJSON(text)
            case .yaml: node = try ScenarioNode.parseYAML(text)
            }
            try ScenarioLimits.check(node)
            return try Scenario(node: node)
        } catch {
            var located = error
            located.file = fileName
            throw located
        }
    }

    /// Reads a scenario file.
    public static func load(file path: String) throws(ScenarioError) -> Scenario {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(file: path, path: "", reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(text, fileName: path)
    }

    /// A scenario file if `fileOrBuiltinName` names one, else the built-in of that name.
    public static func load(fileOrBuiltinName name: String) throws(ScenarioError) -> Scenario {
        if FileManager.default.fileExists(atPath: name) { return try load(file: name) }
        if let builtin = BuiltinScenarios.source(named: name) {
            return try parse(builtin, fileName: name, format: .yaml)
        }
        let builtins = BuiltinScenarios.names.joined(separator: ", ")
        throw ScenarioError(
            file: name, path: "",
            reason: "no such file, and no built-in scenario of that name (built-ins: \(builtins))")
    }
}

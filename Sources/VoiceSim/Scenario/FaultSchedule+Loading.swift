import Foundation

extension FaultSchedule {
    /// The fault schedule of a file: a whole scenario (its `faults`), or a file holding only
    /// `faults` (with an optional `name` and `description`), in the scenario files' format, so
    /// one incident can be tried simulated (`voicesim run`) and live (`voicesim proxy`).
    public static func load(file path: String) throws(ScenarioError) -> FaultSchedule {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(file: path, path: "", reason: "cannot read the file (\(error.localizedDescription))")
        }
        do {
            let node: ScenarioNode
            switch Scenario.Format.detect(fileName: path, text: text) {
            case .json: node = try ScenarioNode.parseJSON(text)
            case .yaml: node = try ScenarioNode.parseYAML(text)
            }
            try ScenarioLimits.check(node)
            var fields = try ScenarioFields(node, path: "")
            if fields.has("users") { return try Scenario(node: node).faults }
            _ = try fields.optional("name", ScenarioFields.string)
            _ = try fields.optional("description", ScenarioFields.string)
            let faults = try fields.required("faults") { node, path throws(ScenarioError) in
                try ScenarioFields.list(node, path, Scenario.decodeFault)
            }
            try fields.finish()
            return FaultSchedule(faults)
        } catch {
            var located = error
            located.file = path
            throw located
        }
    }
}

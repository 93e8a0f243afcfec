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
        do throws(ScenarioError) {
            let node: ScenarioNode
            switch Scenario.Format.detect(fileName: path, text: text) {
            case .json: node = try ScenarioNode.parseJSON(text)
            case .yaml: node = try ScenarioNode.parseYAML(text)
            }
            try ScenarioLimits.check(node)
            var fields = try ScenarioFields(node, path: "")
            if fields.has("users") {
                let scenario = try Scenario(node: node)
                if !scenario.triggeredFaults.isEmpty {
                    throw ScenarioError(
                        path: "faults", reason: "faults placed at an event (at) need a simulation to observe it; "
                            + "give startMs for a fault schedule on its own", line: node.line)
                }
                return scenario.faults
            }
            _ = try fields.optional("name", ScenarioFields.string)
            _ = try fields.optional("description", ScenarioFields.string)
            let faults = try fields.required("faults") { node, path throws(ScenarioError) in
                try ScenarioFields.list(node, path, Scenario.decodeFault)
            }
            try fields.finish()
            var fixed: [Fault] = []
            for (index, fault) in faults.enumerated() {
                guard let fault = fault.fixed else {
                    throw ScenarioError(
                        path: "faults[\(index)].at",
                        reason: "a fault placed at an event needs a simulation to observe it; give startMs here",
                        line: node.line)
                }
                fixed.append(fault)
            }
            return FaultSchedule(fixed)
        } catch {
            var located = error
            located.file = path
            throw located
        }
    }
}

import VoiceCore

/// Event-relative placement in scenario files: `at: {after: firstTTSAudio, offsetMs: 200, occurrence: 2}`.
extension Scenario {
    /// A fault entry of a file: placed at a fixed time (`startMs`) or at an event (`at`).
    enum DecodedFault {
        case fixed(Fault)
        case triggered(TriggeredFault)

        var fixed: Fault? {
            if case .fixed(let fault) = self { return fault }
            return nil
        }

        var triggered: TriggeredFault? {
            if case .triggered(let fault) = self { return fault }
            return nil
        }
    }

    /// Occurrences a trigger may count up to: far beyond any run, and a guard against typos.
    static let triggerOccurrenceMax: Int64 = 1_000_000

    /// An `at` object. `user` (only for faults) restricts the events to one caller's calls.
    static func decodeTrigger(_ node: ScenarioNode, _ path: String, allowsUser: Bool) throws(ScenarioError)
        -> EventTrigger
    {
        var fields = try ScenarioFields(node, path: path)
        let eventIndex = try fields.required("after") { node, path throws(ScenarioError) in
            try ScenarioFields.choice(node, path, EventTrigger.Event.allCases.map(\.rawValue))
        }
        let offsetMicros = try fields.optional("offsetMs", ScenarioFields.durationMicros) ?? 0
        let occurrence =
            try fields.optional("occurrence") { node, path throws(ScenarioError) in
                try ScenarioFields.integer(
                    node, path, min: 1, max: triggerOccurrenceMax, expected: "an integer from 1 to \(triggerOccurrenceMax)")
            } ?? 1
        var userID: String?
        if allowsUser { userID = try fields.optional("user", ScenarioFields.nonEmptyString) }
        try fields.finish()
        return EventTrigger(
            after: EventTrigger.Event.allCases[eventIndex], offsetMicros: offsetMicros, occurrence: Int(occurrence),
            userID: userID)
    }

    /// A fault's `at.user` must name a user of the scenario, or its trigger could never fire.
    static func checkTriggerUsers(
        _ faults: [DecodedFault], users: [UserScript], path: String, line: Int?
    ) throws(ScenarioError) {
        for (index, fault) in faults.enumerated() {
            guard let userID = fault.triggered?.trigger.userID, !users.contains(where: { $0.id == userID }) else {
                continue
            }
            let ids = users.map { "\"\($0.id)\"" }.joined(separator: ", ")
            throw ScenarioError(
                path: "\(path)[\(index)].at.user", reason: "no user \"\(userID)\" in this scenario (users: \(ids))",
                line: line)
        }
    }
}

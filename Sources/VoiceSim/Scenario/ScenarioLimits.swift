/// The size a scenario may have: beyond these a run would not fit in memory or time, so a
/// file past one is refused before anything is simulated, naming the field and its line.
///
/// | what | at most | why |
/// |---|---|---|
/// | `users` | 1,000 | about 0.4 MB of simulator state per user |
/// | `users[i].utterances` | 10,000 per user, 100,000 in all | turns are kept for the report |
/// | `users[i].coughsAtMs` | 10,000 per user | |
/// | `faults` | 10,000 | every message checks the schedule |
/// | `durationMs` | 86,400,000 (24 h) | a day of one call simulates in seconds; a year would not |
/// | `text` of an utterance | 10,000 UTF-8 bytes | |
public enum ScenarioLimits {
    public static let usersMax = 1_000
    public static let utterancesPerUserMax = 10_000
    public static let utterancesMax = 100_000
    public static let coughsPerUserMax = 10_000
    public static let faultsMax = 10_000
    public static let durationMillisMax: Int64 = 24 * 3_600 * 1_000
    public static let utteranceTextBytesMax = 10_000

    /// Checks the document's sizes before it is decoded; a field of the wrong type is left
    /// for the decoder to report.
    static func check(_ root: ScenarioNode) throws(ScenarioError) {
        guard case .object(let fields) = root.value else { return }
        if let duration = value("durationMs", in: fields), case .integer(let millis) = duration.value,
            millis > durationMillisMax
        {
            throw ScenarioError(
                path: "durationMs",
                reason: "at most \(durationMillisMax) (24 hours) can be simulated, found \(millis)", line: duration.line)
        }
        if let faults = value("faults", in: fields) { try checkCount(faults, "faults", max: faultsMax) }
        guard let users = value("users", in: fields), case .array(let list) = users.value else { return }
        try checkCount(users, "users", max: usersMax)
        var utterances = 0
        for (index, user) in list.enumerated() {
            guard case .object(let userFields) = user.value else { continue }
            if let coughs = value("coughsAtMs", in: userFields) {
                try checkCount(coughs, "users[\(index)].coughsAtMs", max: coughsPerUserMax)
            }
            guard let said = value("utterances", in: userFields), case .array(let items) = said.value else { continue }
            try checkCount(said, "users[\(index)].utterances", max: utterancesPerUserMax)
            utterances += items.count
            if utterances > utterancesMax {
                throw ScenarioError(
                    path: "users[\(index)].utterances",
                    reason: "more than \(utterancesMax) utterances in all users", line: said.line)
            }
            for (item, utterance) in items.enumerated() {
                guard case .object(let utteranceFields) = utterance.value, let text = value("text", in: utteranceFields),
                    case .string(let words) = text.value, words.utf8.count > utteranceTextBytesMax
                else { continue }
                throw ScenarioError(
                    path: "users[\(index)].utterances[\(item)].text",
                    reason: "at most \(utteranceTextBytesMax) bytes, found \(words.utf8.count)", line: text.line)
            }
        }
    }

    private static func value(_ key: String, in fields: [(key: String, value: ScenarioNode)]) -> ScenarioNode? {
        fields.first { $0.key == key }?.value
    }

    private static func checkCount(_ node: ScenarioNode, _ path: String, max: Int) throws(ScenarioError) {
        guard case .array(let items) = node.value, items.count > max else { return }
        throw ScenarioError(path: path, reason: "at most \(max) entries, found \(items.count)", line: node.line)
    }
}

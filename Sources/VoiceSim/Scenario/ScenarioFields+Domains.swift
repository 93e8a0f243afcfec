/// Decoders of the numeric fields whose domain is not a duration, a probability or a small
/// range written where the field is read. Every numeric field has an upper bound far below
/// what would overflow the simulator's 64-bit arithmetic (README: "Field domains").
extension ScenarioFields {
    /// Fastest link a scenario may give: 1 TB/s, beyond any real network.
    static let bandwidthBytesPerSecondMax: Int64 = 1_000_000_000_000
    /// Most calls per user and day a server profile may allow.
    static let dailyCallsMaxLimit: Int64 = 1_000_000

    /// `bandwidthBytesPerSecond`: 0 (unlimited) to `bandwidthBytesPerSecondMax`.
    static func bandwidth(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Int64 {
        try integer(
            node, path, min: 0, max: bandwidthBytesPerSecondMax,
            expected: "bytes per second, an integer from 0 (unlimited) to \(bandwidthBytesPerSecondMax)")
    }

    /// `dailyCallsMax`: 0 to `dailyCallsMaxLimit`.
    static func dailyCalls(_ node: ScenarioNode, _ path: String) throws(ScenarioError) -> Int64 {
        try integer(node, path, min: 0, max: dailyCallsMaxLimit, expected: "an integer from 0 to \(dailyCallsMaxLimit)")
    }
}

import VoiceSim

extension FidelityReport {
    /// `{scenario, maxSeconds, sim, live, ratios, notReplayed}`; `sim` and `live` hold `turns`,
    /// `finals`, `p50Ms`, `p95Ms` (voice to voice) and `components` (each `{p50Ms, p95Ms,
    /// count}` under its `FidelityComponent.key`); `ratios` holds live ÷ sim of each (null
    /// when the simulation measured none).
    public var json: JSONValue {
        var ratioComponents: [(String, JSONValue)] = []
        for component in FidelityComponent.allCases {
            let sim = sim.stats(component)
            let live = live.stats(component)
            ratioComponents.append(
                (component.key, .object([
                    ("p50", Self.ratioJSON(live.p50Micros, sim.p50Micros, counts: live.count, sim.count)),
                    ("p95", Self.ratioJSON(live.p95Micros, sim.p95Micros, counts: live.count, sim.count)),
                ])))
        }
        let simV2V = sim.voiceToVoice
        let liveV2V = live.voiceToVoice
        return .object([
            ("scenario", .string(scenario)),
            ("maxSeconds", .int(maxMicros / 1_000_000)),
            ("sim", Self.sideJSON(sim)),
            ("live", Self.sideJSON(live)),
            ("ratios", .object([
                ("p50", Self.ratioJSON(liveV2V.p50Micros, simV2V.p50Micros, counts: liveV2V.count, simV2V.count)),
                ("p95", Self.ratioJSON(liveV2V.p95Micros, simV2V.p95Micros, counts: liveV2V.count, simV2V.count)),
                ("components", .object(ratioComponents)),
            ])),
            ("notReplayed", .array(notReplayed.map { .string($0) })),
        ])
    }

    static func sideJSON(_ side: FidelitySide) -> JSONValue {
        let v2v = side.voiceToVoice
        return .object([
            ("turns", .int(Int64(v2v.count))),
            ("finals", .int(Int64(side.finals))),
            ("p50Ms", millisJSON(v2v.p50Micros, count: v2v.count)),
            ("p95Ms", millisJSON(v2v.p95Micros, count: v2v.count)),
            ("components", .object(FidelityComponent.allCases.map { component in
                let stats = side.stats(component)
                return (component.key, .object([
                    ("p50Ms", millisJSON(stats.p50Micros, count: stats.count)),
                    ("p95Ms", millisJSON(stats.p95Micros, count: stats.count)),
                    ("count", .int(Int64(stats.count))),
                ]))
            })),
        ])
    }

    static func millisJSON(_ micros: Int64, count: Int) -> JSONValue {
        count > 0 ? .number(Double(micros) / 1_000, decimals: 1) : .null
    }

    static func ratioJSON(_ live: Int64, _ sim: Int64, counts liveCount: Int, _ simCount: Int) -> JSONValue {
        guard liveCount > 0, simCount > 0, let value = ratio(live: live, sim: sim) else { return .null }
        return .number(value, decimals: 3)
    }
}

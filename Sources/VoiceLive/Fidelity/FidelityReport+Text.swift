import VoiceSim

extension FidelityReport {
    /// The side-by-side table: voice to voice, then each component, p50 and p95, with live ÷ sim.
    public var text: String {
        var lines = [
            "fidelity \(scenario): simulation vs live on loopback (up to \(maxMicros / 1_000_000) s of call time)",
            Self.row("", "sim", "live", "live/sim"),
        ]
        func add(_ label: String, _ sim: LatencyStats, _ live: LatencyStats) {
            lines.append(Self.row(label + " p50", Self.millis(sim.p50Micros, sim.count), Self.millis(live.p50Micros, live.count),
                                  Self.ratioText(live.p50Micros, sim.p50Micros, live.count, sim.count)))
            lines.append(Self.row(label + " p95", Self.millis(sim.p95Micros, sim.count), Self.millis(live.p95Micros, live.count),
                                  Self.ratioText(live.p95Micros, sim.p95Micros, live.count, sim.count)))
        }
        add("voice to voice", sim.voiceToVoice, live.voiceToVoice)
        for component in FidelityComponent.allCases {
            add(component.label, sim.stats(component), live.stats(component))
        }
        lines.append(Self.row("turns answered / finals heard", "\(sim.voiceToVoice.count) / \(sim.finals)",
                              "\(live.voiceToVoice.count) / \(live.finals)", ""))
        for skipped in notReplayed { lines.append("not replayed live: \(skipped)") }
        return lines.joined(separator: "\n")
    }

    static func row(_ label: String, _ sim: String, _ live: String, _ ratio: String) -> String {
        pad(label, 34) + pad(sim, 11) + pad(live, 11) + ratio
    }

    static func millis(_ micros: Int64, _ count: Int) -> String {
        count > 0 ? "\(micros / 1_000) ms" : "—"
    }

    static func ratioText(_ live: Int64, _ sim: Int64, _ liveCount: Int, _ simCount: Int) -> String {
        guard liveCount > 0, simCount > 0, let value = ratio(live: live, sim: sim) else { return "—" }
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

import VoiceCore

extension PopulationReport {
    /// The command that writes call `index` as a scenario and re-runs it alone.
    public static func repro(specPath: String, seed: UInt64, call index: Int) -> String {
        "voicesim population \(specPath) --seed 0x\(String(seed, radix: 16)) --call \(index) "
            + "--scenario-out call-\(index).yaml && voicesim run call-\(index).yaml"
    }

    /// The readable report: one column per arm, each KPI marked pass or FAIL, the tail calls
    /// with their repros, and the rollout gate.
    public func text(specPath: String) -> String {
        var lines: [String] = []
        let share = Double(flag.v2Share.numerator) / Double(flag.v2Share.denominator) * 100
        lines.append("population \(name)  seed 0x\(String(seed, radix: 16))  \(calls) calls  "
            + "flag \(flag.name): v2 for \(formatFixed(share, decimals: 1)) % of users")
        lines.append("users \(usersCount) start \(callsPerDay) calls a day: \(grantedPerDay) admitted, "
            + "\(dailyCapPerDay) refused by the daily cap (\(usersHittingCap) users), "
            + "\(throttledPerDay) throttled (\(usersThrottled) users)")
        lines.append("")
        var rows: [[String]] = []
        func row(_ label: String, _ cell: (ArmReport) -> String) { rows.append([label] + arms.map(cell)) }
        func mark(_ arm: ArmReport, _ kpi: RolloutKPI) -> String {
            let verdict = arm.verdict(kpi)
            return (verdict.pass ? "pass" : "FAIL") + (verdict.confident ? "" : "?")
        }
        row("calls simulated") { "\($0.callsSimulated) of \($0.callsAttempted)" }
        row("voice-to-voice mean") { "\(Self.seconds($0.latencyMean))  \(mark($0, .mean))" }
        row("  p50") { Self.seconds($0.latencyP50) }
        row("  p95") { "\(Self.seconds($0.latencyP95))  \(mark($0, .p95))" }
        row("  p99") { Self.seconds($0.latencyP99) }
        row("  turns measured") { String($0.latencyCount) }
        row("success rate") { "\(Self.percent($0.success))  \(mark($0, .success))" }
        row("transcription accuracy") { "\(Self.percent($0.accuracy))  \(mark($0, .accuracy))" }
        row("interruptions / call") { Self.perCall($0.interruptions, $0.callsSimulated) }
        row("reconnects / call") { Self.perCall($0.reconnects, $0.callsSimulated) }
        row("lost audio") { "\($0.lostAudioMicros / 1_000) ms in \($0.callsWithLostAudio) calls" }
        row("cost / call") { Self.usd($0.callsSimulated == 0 ? 0 : Double($0.costMicroUSD) / Double($0.callsSimulated) / 1e6) }
        row("cost / minute") { Self.usd($0.callMicros == 0 ? 0 : Double($0.costMicroUSD) / 1e6 / (Double($0.callMicros) / 6e7)) }
        row("monthly spend at 100 %") { "\(Self.usd($0.projectedMonthlyUSD, decimals: 0))  \(mark($0, .spend))" }
        row("  daily users within alert") { String($0.dailyUsersWithinAlert) }
        row("refused: daily cap") { "\($0.refusedDailyCap) (\(Self.share($0.refusedDailyCap, $0.callsAttempted)))" }
        row("refused: throttled") { "\($0.refusedThrottled) (\(Self.share($0.refusedThrottled, $0.callsAttempted)))" }
        row("calls breaking invariants") { String($0.callsWithViolations) }
        lines += Table(header: ["per arm"] + arms.map { "\($0.arm)" }, rows: rows).lines
        lines.append("")
        lines.append("thresholds: mean < \(Self.seconds(kpis.meanMicrosMax)), p95 < \(Self.seconds(kpis.p95MicrosMax)), "
            + "success > \(Self.percent(kpis.successMin)), accuracy > \(Self.percent(kpis.accuracyMin)), "
            + "spend < \(Self.usd(Double(monthlyAlertMicroUSD) / 1e6, decimals: 0))/month for \(dailyUsers) daily users; "
            + "[95 % interval]; ? = the interval crosses the threshold")
        lines.append("monthly spend at the current share: \(Self.usd(projectedMonthlyUSD, decimals: 0))")
        for arm in arms where !arm.tailCalls.isEmpty {
            lines.append("")
            lines.append("slowest \(arm.arm) calls (re-run one alone):")
            for call in arm.tailCalls {
                lines.append("  call \(call.index)  \(call.network)  slowest turn "
                    + "\(Self.seconds(call.latenciesMicros.max() ?? 0))  digest \(call.digest.map(hex16) ?? "—")")
                lines.append("    \(Self.repro(specPath: specPath, seed: seed, call: call.index))")
            }
        }
        lines.append("")
        if let v2 = arm(.v2) {
            lines.append(v2.failed.isEmpty
                ? "rollout gate: V2 holds every KPI"
                : "rollout gate: V2 FAILS " + v2.failed.map(\.rawValue).joined(separator: ", "))
        } else {
            lines.append("rollout gate: no call ran on V2")
        }
        return lines.joined(separator: "\n")
    }

    static func seconds(_ estimate: Estimate) -> String {
        "\(formatFixed(estimate.value / 1e6, decimals: 2)) s [\(formatFixed(estimate.low / 1e6, decimals: 2)), "
            + "\(formatFixed(estimate.high / 1e6, decimals: 2))]"
    }

    static func seconds(_ micros: Int64) -> String { "\(formatFixed(Double(micros) / 1e6, decimals: 1)) s" }

    static func percent(_ estimate: Estimate) -> String {
        "\(formatFixed(estimate.value * 100, decimals: 2)) % [\(formatFixed(estimate.low * 100, decimals: 2)), "
            + "\(formatFixed(estimate.high * 100, decimals: 2))]"
    }

    static func percent(_ ratio: Ratio) -> String {
        "\(formatFixed(Double(ratio.numerator) / Double(ratio.denominator) * 100, decimals: 0)) %"
    }

    static func perCall(_ count: Int, _ calls: Int) -> String {
        formatFixed(calls == 0 ? 0 : Double(count) / Double(calls), decimals: 3)
    }

    static func share(_ part: Int, _ whole: Int) -> String {
        "\(formatFixed(whole == 0 ? 0 : Double(part) / Double(whole) * 100, decimals: 2)) %"
    }

    static func usd(_ dollars: Double, decimals: Int = 4) -> String { "$" + formatFixed(dollars, decimals: decimals) }
}

import VoiceCore

extension PopulationReport {
    /// The `--json` object: the run, the day's admissions, then an object per arm.
    public func json(specPath: String) -> JSONValue {
        .object([
            ("population", .string(name)),
            ("seed", .string("0x" + String(seed, radix: 16))),
            ("calls", .int(Int64(calls))),
            ("flag", .object([("name", .string(flag.name)), ("v2SharePpm", .int(Int64(Self.ppm(flag.v2Share))))])),
            ("users", .int(Int64(usersCount))),
            ("dailyUsers", .int(dailyUsers)),
            ("day", .object([
                ("calls", .int(callsPerDay)), ("admitted", .int(grantedPerDay)), ("dailyCap", .int(dailyCapPerDay)),
                ("throttled", .int(throttledPerDay)), ("usersHittingCap", .int(Int64(usersHittingCap))),
                ("usersThrottled", .int(Int64(usersThrottled))),
            ])),
            ("projectedMonthlyUsd", .number(projectedMonthlyUSD, decimals: 2)),
            ("monthlyAlertUsd", .number(Double(monthlyAlertMicroUSD) / 1e6, decimals: 2)),
            ("arms", .object(arms.map { ("\($0.arm)", $0.json(specPath: specPath, seed: seed)) })),
            ("v2Passes", v2Passes.map(JSONValue.bool) ?? .null),
        ])
    }

    static func ppm(_ ratio: Ratio) -> UInt64 { ratio.numerator.multipliedFullWidth(by: 1_000_000).low / ratio.denominator }
}

extension ArmReport {
    func json(specPath: String, seed: UInt64) -> JSONValue {
        func millis(_ estimate: Estimate) -> JSONValue {
            .object([
                ("value", .number(estimate.value / 1_000, decimals: 1)), ("low", .number(estimate.low / 1_000, decimals: 1)),
                ("high", .number(estimate.high / 1_000, decimals: 1)),
            ])
        }
        func rate(_ estimate: Estimate) -> JSONValue {
            .object([
                ("value", .number(estimate.value, decimals: 6)), ("low", .number(estimate.low, decimals: 6)),
                ("high", .number(estimate.high, decimals: 6)),
            ])
        }
        let perCall = { (count: Int) in JSONValue.number(callsSimulated == 0 ? 0 : Double(count) / Double(callsSimulated), decimals: 4) }
        return .object([
            ("callsAttempted", .int(Int64(callsAttempted))), ("callsSimulated", .int(Int64(callsSimulated))),
            ("refusedDailyCap", .int(Int64(refusedDailyCap))), ("refusedThrottled", .int(Int64(refusedThrottled))),
            ("latencyMs", .object([
                ("turns", .int(Int64(latencyCount))), ("mean", millis(latencyMean)), ("p50", millis(latencyP50)),
                ("p95", millis(latencyP95)), ("p99", millis(latencyP99)),
            ])),
            ("successRate", rate(success)), ("turnsAnswered", .int(Int64(successAnswered))),
            ("turnsAttempted", .int(Int64(successAttempts))),
            ("accuracy", rate(accuracy)), ("wordErrors", .int(Int64(wordErrors.errors))),
            ("wordsSaid", .int(Int64(wordErrors.referenceWords))),
            ("interruptionsPerCall", perCall(interruptions)), ("reconnectsPerCall", perCall(reconnects)),
            ("lostAudioMs", .int(lostAudioMicros / 1_000)), ("callsWithLostAudio", .int(Int64(callsWithLostAudio))),
            ("costPerCallUsd", .number(callsSimulated == 0 ? 0 : Double(costMicroUSD) / Double(callsSimulated) / 1e6, decimals: 6)),
            ("costPerMinuteUsd", .number(callMicros == 0 ? 0 : Double(costMicroUSD) / 1e6 / (Double(callMicros) / 6e7), decimals: 6)),
            ("projectedMonthlyUsd", .number(projectedMonthlyUSD, decimals: 2)),
            ("dailyUsersWithinAlert", .int(dailyUsersWithinAlert)),
            ("callsWithViolations", .int(Int64(callsWithViolations))),
            ("kpis", .object(verdicts.map {
                ($0.kpi.rawValue, .object([("pass", .bool($0.pass)), ("confident", .bool($0.confident))]))
            })),
            ("failed", .array(failed.map { .string($0.rawValue) })),
            ("tailCalls", .array(tailCalls.map { call in
                .object([
                    ("call", .int(Int64(call.index))), ("network", .string(call.network)),
                    ("slowestTurnMs", .number(Double(call.latenciesMicros.max() ?? 0) / 1_000, decimals: 1)),
                    ("digest", call.digest.map { .string(hex16($0)) } ?? .null),
                    ("repro", .string(PopulationReport.repro(specPath: specPath, seed: seed, call: call.index))),
                ])
            })),
        ])
    }
}

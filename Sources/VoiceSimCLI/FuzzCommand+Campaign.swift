import CLISupport
import VoiceCore
import VoiceSim

extension FuzzCommand {
    /// The campaign the options describe: one seed (`--seed`, with `--keep-faults`), or
    /// `--seeds` from `--first-seed`, cut to `--shard`.
    func makeCampaign() throws -> FuzzCampaign {
        let plantedBugs = PlantedBugs(planted.flatMap(PlantedBug.init(name:)).map { [$0] } ?? [])
        let incident = try around.map(ScenarioOptions.loadScenario)
        let single = seed.flatMap(parseSeed)
        // A bad --keep-faults index is reported here, once, before any thread runs.
        if let single { _ = try scenario(for: single, around: incident) }
        let keep = keepFaults.flatMap(FuzzCommand.parseIndices)
        return FuzzCampaign(
            firstSeed: single ?? parseSeed(firstSeed) ?? 1, seedCount: single == nil ? seeds : 1,
            shard: single == nil ? shard.flatMap(FuzzShard.init) ?? .whole : .whole,
            scenario: { seed in
                var scenario = incident.map { AroundIncident.variant($0, number: seed) } ?? SwarmScenario.make(seed: seed)
                if let keep { scenario.faults = FaultSchedule(keep.map { scenario.faults.faults[$0] }) }
                return scenario
            },
            plantedBugs: plantedBugs, kindName: kind, shrinks: !noShrink)
    }

    /// What every outcome depends on, stored in a results file so `merge` combines only shards
    /// of one campaign run by one build.
    var campaignParameters: [FuzzCampaignParameter] {
        let single = seed.flatMap(parseSeed)
        return [
            FuzzCampaignParameter("codeVersion", VoiceSimVersion.current),
            FuzzCampaignParameter("firstSeed", "0x" + hex16(single ?? parseSeed(firstSeed) ?? 1)),
            FuzzCampaignParameter("seeds", String(single == nil ? seeds : 1)),
            FuzzCampaignParameter("planted", planted ?? ""),
            FuzzCampaignParameter("kind", kind ?? ""),
            FuzzCampaignParameter("around", around ?? ""),
            FuzzCampaignParameter("keepFaults", keepFaults ?? ""),
            FuzzCampaignParameter("shrink", noShrink ? "no" : "yes"),
        ]
    }

    func writeResults(_ results: FuzzResults, to path: String) throws {
        do {
            try FuzzResultsFile.write(results, to: path)
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
    }

    /// One failure in `--json`.
    func report(_ seed: UInt64, _ digestHex: String, _ finding: FuzzFinding, repro: String) -> JSONValue {
        .object([
            ("seed", .string("0x" + hex16(seed))), ("kind", .string(finding.kindName)),
            ("failures", .array(finding.failures.map { .string($0) })),
            ("digest", .string(digestHex)), ("faults", .int(Int64(finding.faultCount))),
            ("shrunkFaults", .array(finding.shrunkFaultLines.map { .string($0) })),
            ("repro", .string(repro)),
        ])
    }

    /// One failure in the readable output.
    func printFailure(_ seed: UInt64, _ finding: FuzzFinding, repro: String) {
        print("FAIL seed 0x\(hex16(seed)) (\(finding.scenarioDescription))")
        for failure in finding.failures.prefix(5) { print("  \(failure)") }
        if finding.failures.count > 5 { print("  … \(finding.failures.count - 5) more") }
        print("  shrunk (keeping \(finding.kindName)) to \(finding.shrunk.faults.count) of \(finding.faultCount) faults:")
        for line in finding.shrunkFaultLines { print("    \(line)") }
        print("  repro: \(repro)")
    }
}

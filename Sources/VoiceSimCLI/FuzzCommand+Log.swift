import VoiceCore
import VoiceSim

extension FuzzCommand {
    /// `--log`: runs the seed's case (with `--keep-faults` and `--planted`) once more with the
    /// event log attached; the run is the same as the fuzz run's, so the log explains its verdict.
    /// With `--json` the log goes to standard error, so standard output stays one JSON document.
    func printLog(seed: UInt64) throws {
        let incident = try around.map(ScenarioOptions.loadScenario)
        let plantedBugs = PlantedBugs(planted.flatMap(PlantedBug.init(name:)).map { [$0] } ?? [])
        let log = EventLog(toStandardError: json)
        var simulation = Simulation(scenario: try scenario(for: seed, around: incident), observer: log,
                                    plantedBugs: plantedBugs)
        _ = simulation.run()
    }
}

import VoiceCore

/// Scenarios near an incident (`voicesim fuzz --around incident.yaml`): the same users,
/// network and providers, with a nearby seed, every fault shifted in time and its window
/// widened, so a fix can be checked against the incident's neighbourhood, not one run.
public enum AroundIncident {
    /// Largest shift of a fault's start, either way.
    public static let shiftMicrosMax: Int64 = 2_000_000
    /// Largest widening of a fault's window, in percent of its length.
    public static let widenPercentMax: Int64 = 100

    /// Variant `number` of `incident`, derived from it alone: number 0 is the incident itself;
    /// others use seed `incident.seed + number` and draw shifts and widenings from a PRNG of it.
    public static func variant(_ incident: Scenario, number: UInt64) -> Scenario {
        guard number != 0 else { return incident }
        var scenario = incident
        scenario.seed = incident.seed &+ number
        scenario.name = "\(incident.name)-around-\(number)"
        var random = PRNG(seed: scenario.seed ^ 0xA5A5_0F0F_5A5A_F0F0)
        scenario.faults.faults = incident.faults.faults.map { fault in
            let shift = random.inRange(-shiftMicrosMax, shiftMicrosMax) / 1_000 * 1_000
            let start = min(max(0, fault.startMicros + shift), incident.durationMicros - 1_000)
            let widen = fault.durationMicros * random.inRange(0, widenPercentMax) / 100 / 1_000 * 1_000
            let end = min(incident.durationMicros, start + fault.durationMicros + widen)
            return Fault(name: fault.name, startMicros: start, endMicros: max(start, end), kind: fault.kind)
        }
        return scenario
    }
}

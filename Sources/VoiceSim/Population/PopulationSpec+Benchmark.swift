import VoiceCore

extension PopulationSpec {
    /// The population `voicesim bench` times: one-minute calls (2–8 turns) from users who call
    /// once a day, 70 % broadband, 25 % mobile, 5 % mobile with resets and partitions, 10 % on V2.
    public static var oneMinuteCalls: PopulationSpec {
        let flaky = NetworkClass(
            name: "flaky", weight: 5, profile: NetworkProfile(up: .mobile, down: .mobile),
            incidents: [
                IncidentRate(kind: .connectionReset, perMinute: .ppm(400_000)),
                IncidentRate(kind: .partition, perMinute: .ppm(250_000),
                             durationMicros: .uniform(min: 1_000_000, max: 4_500_000)),
            ])
        return PopulationSpec(
            name: "bench-one-minute", seed: 0x5EED_BE7C, calls: 10_000,
            users: Users(count: 10_000, callsPerDay: .fixed(1)),
            call: CallBehaviour(lengthMicros: .fixed(60_000_000)),
            network: [
                NetworkClass(name: "broadband", weight: 70),
                NetworkClass(name: "mobile", weight: 25, profile: NetworkProfile(up: .mobile, down: .mobile)), flaky,
            ])
    }
}

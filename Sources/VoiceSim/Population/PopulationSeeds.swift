import VoiceCore

/// Independent seeds for every part of a population run, each a pure function of the
/// population seed, a domain and an index: call 17's draws never depend on how many calls
/// ran before it, on which thread, or on how many users exist.
enum PopulationSeeds {
    /// What a derived seed is for; a distinct domain keeps the streams apart.
    enum Domain: UInt64 {
        /// A user's day: calls per day, active window, call times.
        case user = 0x7573_6572
        /// A call's plan: user, network class, script, incidents.
        case callPlan = 0x706C_616E
        /// The simulation of a call (the scenario's own seed).
        case callSimulation = 0x7369_6D75
        /// Resampling in reports.
        case report = 0x7265_706F
    }

    static func derive(_ seed: UInt64, _ domain: Domain, _ index: UInt64) -> UInt64 {
        var mixer = SplitMix64(seed: seed ^ (domain.rawValue &* 0xD6E8_FEB8_6659_FD93))
        let base = mixer.next()
        var indexed = SplitMix64(seed: base &+ index &* 0x9E37_79B9_7F4A_7C15)
        return indexed.next()
    }
}

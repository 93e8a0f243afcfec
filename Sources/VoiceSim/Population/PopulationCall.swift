import VoiceCore

/// One call of a population run, before it is simulated: who makes it, on which arm and
/// network, whether the session manager lets it start, and the scenario that simulates it.
public struct PopulationCall: Equatable, Sendable {
    public var index: Int
    public var userIndex: Int
    public var userID: String
    public var arm: Pipeline
    /// The network class's name.
    public var network: String
    public var admission: CallAdmission
    /// An ordinary scenario: `voicesim run` on its YAML gives the same digest.
    public var scenario: Scenario
}

extension PopulationSpec {
    /// Call `index` of the run seeded with `seed`: a pure function of the spec, the seed and
    /// the index, so a call is the same whether it runs alone, first, last or on any thread.
    public func plan(call index: Int, seed: UInt64, users population: UserPopulation) -> PopulationCall {
        var random = PRNG(seed: PopulationSeeds.derive(seed, .callPlan, UInt64(index)))
        let picked = population.pickCall(random: &random)
        let userID = UserPopulation.userID(picked.user)
        let arm = flag.pipeline(userID: userID)
        let networkClass = pickNetwork(random: &random)
        // Whole milliseconds everywhere, so the scenario file is exact.
        let lengthMicros = max(1_000, call.lengthMicros.sample(using: &random) / 1_000 * 1_000)
        var faults = networkClass.incidents.flatMap {
            $0.faults(callMicros: lengthMicros, label: "\(networkClass.name)-\($0.kind.rawValue)", random: &random)
        }
        faults += providerIncidents.flatMap {
            $0.faults(callMicros: lengthMicros, label: "\($0.provider.map { "\($0)" } ?? "provider")-\($0.kind.rawValue)",
                      random: &random)
        }
        var serverProfile = ServerProfile(resumeGraceMicros: server.resumeGraceMicros)
        if random.chance(server.coldStart) {
            serverProfile.coldStartMicros = server.coldStartMicros.sample(using: &random) / 1_000 * 1_000
        }
        let script = makeScript(userID: userID, random: &random)
        let scenario = Scenario(
            name: "\(name)-call-\(index)",
            description: "call \(index) of population \(name) (seed 0x\(String(seed, radix: 16))): user \(userID), "
                + "\(arm), \(networkClass.name) network",
            seed: PopulationSeeds.derive(seed, .callSimulation, UInt64(index)), durationMicros: lengthMicros,
            pipeline: arm, users: [script], network: networkClass.profile, server: serverProfile, providers: providers,
            faults: FaultSchedule(faults.enumerated().sorted {
                $0.element.startMicros == $1.element.startMicros ? $0.offset < $1.offset
                    : $0.element.startMicros < $1.element.startMicros
            }.map(\.element)))
        return PopulationCall(index: index, userIndex: picked.user, userID: userID, arm: arm, network: networkClass.name,
                              admission: picked.admission, scenario: scenario)
    }

    private func pickNetwork(random: inout PRNG) -> NetworkClass {
        let total = network.reduce(0) { $0 + $1.weight }
        var pick = Int64(random.below(UInt64(total)))
        for networkClass in network {
            if pick < networkClass.weight { return networkClass }
            pick -= networkClass.weight
        }
        preconditionFailure("network pick \(pick) past the total weight \(total)")
    }

    /// The caller's script: a first utterance, then turns after each reply, some barging in,
    /// some with a cough during the reply.
    private func makeScript(userID: String, random: inout PRNG) -> UserScript {
        let turns = max(1, Int(call.turns.sample(using: &random)))
        var utterances: [UserScript.Utterance] = []
        for turn in 0..<turns {
            let text = call.phrases[Int(random.below(UInt64(call.phrases.count)))]
            let start: UserScript.Start
            if turn == 0 {
                start = .at(Instant(micros: call.firstSpeechMicros.sample(using: &random) / 1_000 * 1_000))
            } else if random.chance(call.bargeIn) {
                start = .bargeIn(afterMicros: call.bargeInAfterMicros.sample(using: &random) / 1_000 * 1_000)
            } else {
                start = .afterReply(pauseMicros: call.pauseMicros.sample(using: &random) / 1_000 * 1_000)
            }
            let cough = random.chance(call.cough) ? random.inRange(300, 2_000) * 1_000 : nil
            utterances.append(UserScript.Utterance(text, start: start, coughAfterReplyStartsMicros: cough))
        }
        return UserScript(id: userID, utterances: utterances, wordsPerMinute: call.wordsPerMinute.sample(using: &random),
                          replyTimeoutMicros: call.replyTimeoutMicros)
    }
}

import VoiceCore

/// Builds a random scenario from one seed, swarm-testing style: each seed enables a
/// random subset of fault kinds, so some runs hammer one failure mode and others mix
/// them (TigerBeetle's VOPR does the same with `options_swarm`).
public enum SwarmScenario {
    /// Fault kinds the swarm can enable (the names appear in reports).
    public enum Kind: String, CaseIterable, Sendable {
        case partition, connectionReset, stall, latencySpike, loss, coldStart
        case sttOutage, llmOutage, ttsOutage, providerSlow
        case duplicate, reorder, lateDelivery
        /// A short resume grace and partitions ending just before or just after it expires.
        case graceEdge
        /// LLM requests fail with 5xx now and then (retries, billing of failed attempts).
        case llmErrors
        /// Server → client versions of duplicate, reorder and late delivery.
        case duplicateDown, reorderDown, lateDeliveryDown
    }

    /// Kinds drawn from their own stream, after the others: adding them left every seed's
    /// other faults as they were (same draws, same list positions for `--keep-faults`).
    static let downlinkKinds: [Kind] = [.duplicateDown, .reorderDown, .lateDeliveryDown]
    /// Drawn but not generated until server → client messages carry sequence numbers: the client
    /// cannot de-duplicate a repeated reply chunk, so it plays twice (seed 0x11, one duplicateDown).
    static let ungeneratedKinds: [Kind] = [.duplicateDown]
    /// Mixed into the seed for the downlink kinds' stream.
    static let downlinkStreamSalt: UInt64 = 0xD0A7_11AE_5EED_0003

    /// Faults stop this long before the end, so liveness can be checked once they heal.
    public static let healMarginMicros: Int64 = 45_000_000
    public static let durationMicros: Int64 = 150_000_000

    static let phrases = [
        "Can you help me plan a trip to the coast next weekend?", "What is the weather going to be like there?",
        "Book a table for four at eight tonight, please.", "Actually, make that five people instead.",
        "How long does the drive take from the city?", "Remind me to call my sister tomorrow morning.",
        "Tell me a short story about a lighthouse keeper.", "What should I cook for dinner with rice and beans?",
        "Is there a train that leaves before nine?", "Thanks, that is everything for now.",
    ]

    /// The scenario for `seed`; the same seed always gives the same scenario.
    public static func make(seed: UInt64) -> Scenario {
        var random = PRNG(seed: seed)
        var enabled: [Kind] = []
        for kind in Kind.allCases where !downlinkKinds.contains(kind) && random.chance(Ratio(1, 2)) { enabled.append(kind) }
        var server = ServerProfile()
        if enabled.contains(.graceEdge) { server.resumeGraceMicros = random.inRange(2_000_000, 8_000_000) }
        var faults = enabled.flatMap { makeFaults(kind: $0, graceMicros: server.resumeGraceMicros, random: &random) }
        var providers = ProviderProfiles()
        if enabled.contains(.llmErrors) { providers.llm.serverErrorRate = .ppm(UInt64(random.inRange(50_000, 300_000))) }
        let name = "swarm-\(hex16(seed))"
        let users = [makeUser(random: &random)]
        let network = NetworkProfile(up: random.chance(Ratio(1, 2)) ? .mobile : .broadband,
                                     down: random.chance(Ratio(1, 2)) ? .mobile : .broadband)
        server.coldStartMicros = random.chance(Ratio(1, 4)) ? random.inRange(500_000, 3_000_000) : 0
        faults.sort { $0.startMicros < $1.startMicros }
        var downlink = PRNG(seed: seed ^ downlinkStreamSalt)
        let enabledDownlink = downlinkKinds.filter { _ in downlink.chance(Ratio(1, 2)) }
            .filter { !ungeneratedKinds.contains($0) }
        faults += enabledDownlink.flatMap { makeFaults(kind: $0, graceMicros: server.resumeGraceMicros, random: &downlink) }
        let names = (enabled + enabledDownlink).map(\.rawValue)
        return Scenario(
            name: name, description: "swarm seed \(hex16(seed)): " + (names.isEmpty ? "no faults" : names.joined(separator: ", ")),
            seed: seed, durationMicros: durationMicros, pipeline: .v2, users: users, network: network, server: server,
            providers: providers, faults: FaultSchedule(faults))
    }

    /// Utterances with every barge-in timing the core must survive: in the first TTS frame,
    /// while the LLM still streams, mid-reply, after the reply finished, and speaking again
    /// right after a stable partial (the speculative start).
    static func makeUser(random: inout PRNG) -> UserScript {
        var utterances: [UserScript.Utterance] = []
        let count = Int(random.inRange(6, 12))
        for index in 0..<count {
            let text = phrases[Int(random.below(UInt64(phrases.count)))]
            let start: UserScript.Start
            if index == 0 {
                start = .at(Instant(micros: random.inRange(500_000, 3_000_000)))
            } else if random.chance(Ratio(1, 5)) {
                switch random.below(4) {
                case 0: start = .bargeIn(afterMicros: random.inRange(0, 100_000))
                case 1: start = .bargeIn(afterMicros: random.inRange(100_000, 800_000))
                case 2: start = .bargeIn(afterMicros: random.inRange(800_000, 3_000_000))
                default: start = .bargeIn(afterMicros: random.inRange(3_000_000, 15_000_000))
                }
            } else if random.chance(Ratio(1, 8)) {
                start = .afterPrevious(pauseMicros: random.inRange(300_000, 1_500_000))
            } else {
                start = .afterReply(pauseMicros: random.inRange(400_000, 2_500_000))
            }
            let cough = random.chance(Ratio(1, 8)) ? random.inRange(200_000, 2_000_000) : nil
            utterances.append(UserScript.Utterance(text, start: start, coughAfterReplyStartsMicros: cough))
        }
        return UserScript(id: "fuzz-user", utterances: utterances, replyTimeoutMicros: 30_000_000)
    }

    static func makeFaults(kind: Kind, graceMicros: Int64, random: inout PRNG) -> [Fault] {
        var faults: [Fault] = []
        for index in 0..<Int(random.inRange(1, 3)) {
            let start = random.inRange(3_000_000, durationMicros - healMarginMicros - 10_000_000)
            func window(_ minimum: Int64, _ maximum: Int64, _ kind: Fault.Kind) -> Fault {
                Fault(name: "\(kindName(kind))-\(index + 1)", startMicros: start,
                      endMicros: start + random.inRange(minimum, maximum), kind: kind)
            }
            switch kind {
            case .partition: faults.append(window(300_000, 4_500_000, .partition))
            case .connectionReset: faults.append(Fault(name: "reset-\(index + 1)", startMicros: start, endMicros: start,
                                                       kind: .connectionReset))
            case .stall: faults.append(window(100_000, 3_000_000, .stall))
            case .latencySpike: faults.append(window(1_000_000, 8_000_000,
                                                     .latencySpike(extraMicros: random.inRange(100_000, 1_500_000))))
            case .loss: faults.append(window(1_000_000, 10_000_000, .loss(.ppm(UInt64(random.inRange(10_000, 300_000))))))
            case .coldStart: faults.append(window(2_000_000, 20_000_000,
                                                  .coldStart(delayMicros: random.inRange(500_000, 3_000_000))))
            case .sttOutage: faults.append(window(500_000, 8_000_000, .providerOutage(provider: .stt)))
            case .llmOutage: faults.append(window(500_000, 8_000_000, .providerOutage(provider: .llm)))
            case .ttsOutage: faults.append(window(500_000, 8_000_000, .providerOutage(provider: .tts)))
            case .providerSlow:
                let provider = [Fault.Provider.stt, .llm, .tts][Int(random.below(3))]
                faults.append(window(2_000_000, 15_000_000,
                                     .providerSlow(provider: provider, extraMicros: random.inRange(200_000, 2_000_000))))
            case .duplicate: faults.append(window(1_000_000, 10_000_000, .duplicate))
            case .reorder: faults.append(window(1_000_000, 8_000_000, .reorder(maxDelayMicros: random.inRange(20_000, 400_000))))
            case .lateDelivery, .lateDeliveryDown:
                let extraMicros = random.inRange(100_000, 3_000_000)
                faults.append(window(2_000_000, 10_000_000,
                                     kind == .lateDelivery ? .lateDelivery(extraMicros: extraMicros)
                                         : .lateDeliveryDown(extraMicros: extraMicros)))
                // Something must break a connection inside the window for late delivery to happen.
                let resetMicros = start + random.inRange(500_000, 1_500_000)
                faults.append(Fault(name: "\(kindName(faults[faults.count - 1].kind))-reset-\(index + 1)",
                                    startMicros: resetMicros, endMicros: resetMicros, kind: .connectionReset))
            case .duplicateDown: faults.append(window(1_000_000, 10_000_000, .duplicateDown))
            case .reorderDown:
                faults.append(window(1_000_000, 8_000_000, .reorderDown(maxDelayMicros: random.inRange(20_000, 400_000))))
            case .graceEdge:
                let edgeMicros = graceMicros + random.inRange(-1_500_000, 1_500_000)
                faults.append(Fault(name: "grace-edge-\(index + 1)", startMicros: start,
                                    endMicros: start + max(300_000, edgeMicros), kind: .partition))
            case .llmErrors:
                return []
            }
        }
        return faults
    }

    static func kindName(_ kind: Fault.Kind) -> String {
        switch kind {
        case .partition: "partition"
        case .connectionReset: "reset"
        case .stall: "stall"
        case .latencySpike: "spike"
        case .loss: "loss"
        case .coldStart: "cold-start"
        case .providerOutage(let provider): "\(provider)-outage"
        case .providerSlow(let provider, _): "\(provider)-slow"
        case .duplicate: "duplicate"
        case .reorder: "reorder"
        case .lateDelivery: "late"
        case .duplicateDown: "duplicate-down"
        case .reorderDown: "reorder-down"
        case .lateDeliveryDown: "late-down"
        }
    }
}

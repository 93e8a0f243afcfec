import VoiceCore

/// Receives every machine input as it is delivered, in order: the recording tap.
///
/// `stateAfter` computes the lane's `LaneMachines.stateDigest` after the input; call it only
/// when needed (a checkpoint), since it walks the machines' state.
public protocol SimulationObserver: AnyObject {
    func simulation(
        lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest
    )
    func simulation(lane: Int, mark: SimulationMark, at time: Instant)
}

/// Notable moments, stored as trace marks and shown on timelines.
public enum SimulationMark: Equatable, Sendable {
    case turnStart(String)
    case turnEnd(String)
    case interruption(responseID: UInt32)
    case reconnect(attempt: UInt32)
    case latencySpike(voiceToVoiceMicros: Int64)
    case invariantFailure(String)

    public var kind: String {
        switch self {
        case .turnStart: "turn_start"
        case .turnEnd: "turn_end"
        case .interruption: "interruption"
        case .reconnect: "reconnect"
        case .latencySpike: "latency_spike"
        case .invariantFailure: "invariant_failure"
        }
    }

    public var label: String {
        switch self {
        case .turnStart(let text), .turnEnd(let text): text
        case .interruption(let responseID): "response \(responseID)"
        case .reconnect(let attempt): "attempt \(attempt)"
        case .latencySpike(let micros): "voice-to-voice \(micros / 1_000) ms"
        case .invariantFailure(let detail): detail
        }
    }
}

/// The discrete-event world: a scenario's users, network and providers around the voice core.
///
/// Single-threaded; time is the queue's. Nothing sleeps and nothing reads a clock,
/// so the same scenario and seed give the same run, and the same digest, everywhere.
public struct Simulation {
    public let scenario: Scenario
    public let seed: UInt64
    var queue = EventQueue<SimEvent>()
    var lanes: [Lane] = []
    public internal(set) var manager: SessionManager
    public internal(set) var notices: [ManagerNotice] = []
    public internal(set) var invariantViolations: [String] = []
    /// Clients that gave up with every attempt lost to injected faults (`ClientGaveUp`).
    var clientsGaveUp: [ClientGaveUp] = []
    public internal(set) var eventsProcessed: UInt64 = 0
    /// The faults in force: the scenario's fixed ones, plus each triggered fault once its trigger fired.
    public internal(set) var faults: FaultSchedule
    /// Triggered faults still waiting (by index in `scenario.triggeredFaults`), with how many
    /// matching events each has seen.
    var pendingFaults: [(index: Int, seen: Int)]
    /// When each of `scenario.triggeredFaults` fired; nil while (or if never) it has not.
    public internal(set) var triggerFiredAt: [Instant?]
    /// Every event a trigger can follow, in the order the simulation saw them.
    public internal(set) var observedEvents: [(lane: Int, event: EventTrigger.Event, at: Instant)] = []
    public weak var observer: SimulationObserver?
    /// Voice-to-voice latency above which a turn is marked as a spike (the seed's p95 target);
    /// a turn 1.5× slower than the lane's median so far is marked too.
    public var latencySpikeMicros: Int64 = 4_000_000
    /// Whether mic and TTS chunks keep their samples once summarized. The core, the oracles and
    /// hash-only traces read summaries alone; runs that need nothing more switch this off, and
    /// each chunk is then rendered into a reused buffer and only its summary kept (a reply's audio
    /// queued ahead and the client's 5 s replay buffer otherwise hold about 0.4 MB of PCM per
    /// user; reply chunks keep their fingerprint alone, see `TTSModel.keepsSamples`). On by default:
    /// an observer recording full audio needs them.
    public var keepsAudioSamples = true
    /// The actions of the machine step in progress: one buffer per machine kind, emptied
    /// after each step and reused, so a step allocates no array of its own.
    var clientActions: [ClientAction] = []
    var serverActions: [ServerAction] = []
    /// Where a run that keeps no samples renders each mic and TTS chunk to summarize it.
    var audioScratch = AudioScratch()

    public init(scenario: Scenario, seed: UInt64? = nil, observer: SimulationObserver? = nil) {
        self.init(scenario: scenario, seed: seed, observer: observer, plantedBugs: PlantedBugs())
    }

    /// A run of the core with `plantedBugs` switched on (mutation testing of the oracles).
    package init(scenario: Scenario, seed: UInt64? = nil, observer: SimulationObserver? = nil, plantedBugs: PlantedBugs) {
        self.scenario = scenario
        self.seed = seed ?? scenario.seed
        self.observer = observer
        manager = SessionManager(limits: SessionLimits(dailyCallsMax: scenario.server.dailyCallsMax))
        faults = scenario.faults
        pendingFaults = scenario.triggeredFaults.indices.map { ($0, 0) }
        triggerFiredAt = Array(repeating: nil, count: scenario.triggeredFaults.count)
        var random = PRNG(seed: self.seed)
        for script in scenario.users {
            for call in 0..<script.calls {
                let start = Instant(micros: Int64(call) * script.callEveryMicros)
                precondition(start.micros < scenario.durationMicros, "call \(call + 1) of \(script.id) starts after the run")
                let end = min(script.callMicros.map { start + $0 } ?? Instant(micros: scenario.durationMicros),
                              Instant(micros: scenario.durationMicros))
                lanes.append(Simulation.makeLane(index: lanes.count, script: script, call: (start, end), scenario: scenario,
                                                 plantedBugs: plantedBugs, random: &random))
            }
        }
    }
}

extension Simulation {
    /// The machines of every lane in their current state (after `run()`, their final state).
    public var laneMachines: [LaneMachines] { lanes.map(\.machines) }
    /// The simulated users, with the speech timeline each actually produced.
    public var users: [SimUser] { lanes.map(\.user) }
}

extension Simulation {
    /// How to rebuild each lane's machines: what a trace stores for replay.
    public var laneSetups: [LaneSetup] { lanes.map(\.setup) }
}

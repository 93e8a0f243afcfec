import VoiceCore

/// A scripted call between one lane's client and server, with a toy network and toy
/// providers around them: realistic machine inputs without the simulator.
///
/// For recorder tests: small, fast sessions whose every input the test can also compute
/// itself. A test fixture, not part of any product (`voicesim record-synthetic` records the
/// real simulator). The user speaks a turn every `turnMicros` (1.5 s of loud mic audio), talks
/// over every third answer (barge-in), the network drops for 1.5 s in the middle of the call
/// (disconnect, backoff, resume), and the user hangs up at the end. Providers answer with
/// partials, a final, LLM tokens and TTS audio. All audio is real PCM (`AudioChunk(samples:)`).
///
/// Everything derives from `seed`: the same seed gives the same inputs.
package struct SyntheticCall {
    package let lane: UInt32
    package let setup: LaneSetup
    package let durationMicros: Int64
    package private(set) var machines: LaneMachines
    var now = Instant.zero
    var jobs: [JobEntry] = []
    var jobOrder: UInt64 = 0
    var random: PRNG
    var timerGenerations: [Int: UInt64] = [:]
    var linkUp = false
    var lastDelivery = (toServer: Instant.zero, toClient: Instant.zero)
    var speech = SpeechState()
    var textLengths: [UInt32: Int] = [:]
    var speaking: [UInt32] = []

    /// A call of `durationMicros` on lane `lane` with default configs (seeds from `seed`).
    package init(seed: UInt64, durationMicros: Int64 = 60_000_000, lane: UInt32 = 0, setup: LaneSetup? = nil) {
        precondition(durationMicros >= 1_000_000, "a synthetic call lasts at least 1 s")
        var random = PRNG(seed: seed)
        let setup =
            setup
            ?? LaneSetup(
                client: ClientConfig(userID: "synthetic-\(seed % 1_000)"), clientSeed: random.next(),
                server: ServerConfig(), serverSeed: random.next())
        self.lane = lane
        self.setup = setup
        self.durationMicros = durationMicros
        self.random = random
        machines = setup.makeMachines()
        schedule(.deliver(.client(lane: lane, .callStarted)), at: .zero)
        schedule(.mic, at: Instant(micros: AudioFormat.micChunkMicros))
        schedule(.outage, at: Instant(micros: durationMicros / 2))
        schedule(.hangUp, at: Instant(micros: durationMicros))
    }
}

/// One input of a synthetic call, as a recorder wants it.
package struct SyntheticStep: Sendable {
    package var input: MachineInput
    package var output: MachineOutput
    package var time: Instant
    package var digestAfter: UInt64
}

extension SyntheticCall {
    /// The next input, applied to `machines`; nil once the call is over and everything settled.
    package mutating func next() -> SyntheticStep? {
        while let job = popJob() {
            guard let input = input(for: job) else { continue }
            let output = machines.apply(input, at: now)
            route(output)
            return SyntheticStep(input: input, output: output, time: now, digestAfter: machines.digest)
        }
        return nil
    }

    /// Every remaining input.
    package mutating func all() -> [SyntheticStep] {
        var steps: [SyntheticStep] = []
        while let step = next() { steps.append(step) }
        return steps
    }
}

extension SyntheticCall {
    enum Job {
        case deliver(MachineInput)
        case timer(client: Bool, raw: UInt8, generation: UInt64)
        case mic
        case outage
        case hangUp
    }

    /// The toy STT's view of the current utterance.
    struct SpeechState {
        var loudChunks = 0
        var words: [String] = []
    }

    static let turnMicros: Int64 = 8_000_000
    static let speechMicros: Int64 = 1_500_000
    static let outageMicros: Int64 = 1_500_000
    static let settleMicrosMax: Int64 = 60_000_000
    static let vocabulary = ["book", "a", "table", "for", "two", "tonight", "at", "eight", "please", "thanks"]

    mutating func schedule(_ job: Job, at time: Instant) {
        jobs.append(JobEntry(time: max(time, now), order: jobOrder, job: job))
        jobOrder += 1
    }

    /// The earliest job (ties in scheduling order), with `now` moved to its time.
    /// - Complexity: O(pending jobs); a call keeps a few dozen.
    mutating func popJob() -> Job? {
        guard !jobs.isEmpty else { return nil }
        var best = 0
        for index in jobs.indices.dropFirst() where jobs[index].isBefore(jobs[best]) { best = index }
        let entry = jobs.remove(at: best)
        // Settling after the hang-up is bounded: a timer that re-arms forever cannot keep the call alive.
        guard entry.time.micros <= durationMicros + Self.settleMicrosMax else {
            jobs.removeAll()
            return nil
        }
        now = entry.time
        return entry.job
    }

    /// The machine input a job stands for, scheduling follow-ups; nil when it has none.
    mutating func input(for job: Job) -> MachineInput? {
        switch job {
        case .deliver(let input):
            return input
        case .timer(let client, let raw, let generation):
            guard timerGenerations[Self.timerKey(client: client, raw: raw)] == generation else { return nil }
            return client
                ? .client(lane: lane, .timerFired(ClientTimer(rawValue: raw)!))
                : .server(lane: lane, .timerFired(ServerTimer(rawValue: raw)!))
        case .mic:
            guard now.micros <= durationMicros else { return nil }
            schedule(.mic, at: now + AudioFormat.micChunkMicros)
            return .client(lane: lane, .micCaptured(micChunk()))
        case .outage:
            guard linkUp else { return nil }
            linkUp = false
            schedule(.deliver(.server(lane: lane, .clientDisconnected)), at: now + 5_000)
            return .client(lane: lane, .disconnected(.networkError))
        case .hangUp:
            return .client(lane: lane, .callEnded)
        }
    }

    /// Loud speech inside the user's turns (and over every third answer), quiet room noise otherwise.
    mutating func micChunk() -> AudioChunk {
        let position = now.micros % Self.turnMicros
        let turn = now.micros / Self.turnMicros
        let speaking = position >= 1_000_000 && position < 1_000_000 + Self.speechMicros
        // The answer plays from about 3.65 s into the turn for 0.5 s: speech from 3.6 s is
        // confirmed by the VAD while it plays.
        let bargeIn = turn % 3 == 2 && position >= 3_600_000 && position < 4_600_000
        return speaking || bargeIn
            ? Self.tone(periodSamples: 123, amplitude: 7_000, noise: 300, random: &random)
            : Self.tone(periodSamples: 1, amplitude: 0, noise: 90, random: &random)
    }

    /// `AudioFormat.micChunkSamples` of a triangle wave plus uniform noise.
    static func tone(periodSamples: Int, amplitude: Int32, noise: Int32, random: inout PRNG) -> AudioChunk {
        var samples = [Int16](repeating: 0, count: AudioFormat.micChunkSamples)
        let phase = Int(random.below(UInt64(periodSamples)))
        for index in samples.indices {
            let position = (index + phase) % periodSamples
            let ramp = Int32(position * 4 * Int(amplitude) / max(1, periodSamples))
            let triangle = periodSamples < 2 ? 0 : (ramp <= 2 * amplitude ? ramp - amplitude : 3 * amplitude - ramp)
            let jitter = Int32(random.inRange(Int64(-noise), Int64(noise)))
            samples[index] = Int16(clamping: triangle + jitter)
        }
        return AudioChunk(samples: samples)
    }

    static func timerKey(client: Bool, raw: UInt8) -> Int { (client ? 0 : 256) + Int(raw) }
}

extension SyntheticCall {
    /// A scheduled job; earlier time first, then scheduling order.
    struct JobEntry {
        let time: Instant
        let order: UInt64
        let job: Job
    }
}

extension SyntheticCall.JobEntry {
    func isBefore(_ other: Self) -> Bool { time == other.time ? order < other.order : time < other.time }
}

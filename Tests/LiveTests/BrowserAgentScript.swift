import VoiceCore

/// A `ClientAgent` run for the page's self-test: scripted events plus a scripted server and
/// network that answer the agent's actions (connect, hello, resume, audio, ping), and the
/// agent's own timers, all on one virtual clock ordered by (time, push order).
struct AgentScript {
    enum Connect { case accept, refuse, ignore }

    var name: String
    var seed: UInt64
    /// Events at fixed times (mic audio, server messages, disconnects, hang-up).
    var scripted: [(Instant, ClientEvent)]
    /// How each successive `.connect` is answered; past the list, accepted.
    var connects: [Connect] = []
    /// The server's `lastReceivedSeq` in the welcome of each resume, in order.
    var resumeSeqs: [UInt64] = []
    /// Audio with a seq divisible by this is acknowledged 10 ms later.
    var ackEvery: UInt64 = 5

    /// The run's events and the actions the agent answered each with.
    func run() -> [String: Any] {
        var agent = ClientAgent(seed: seed)
        var queue: [(at: Instant, order: Int, event: ClientEvent)] = []
        var order = 0
        func push(_ at: Instant, _ event: ClientEvent) {
            order += 1
            queue.append((at, order, event))
        }
        for (at, event) in scripted { push(at, event) }
        var timers: [ClientTimer: Int] = [:]
        var connectCount = 0
        var resumeCount = 0
        var steps: [[String: Any]] = []
        while let next = queue.indices.min(by: { (queue[$0].at, queue[$0].order) < (queue[$1].at, queue[$1].order) }) {
            let (now, _, event) = queue.remove(at: next)
            if case .timerFired(let timer) = event { timers[timer] = nil }
            let actions = agent.handle(event, at: now)
            steps.append(["at": now.micros, "event": BrowserVectors.json(event),
                          "actions": actions.map(BrowserVectors.describe)])
            for action in actions {
                switch action {
                case .setTimer(let timer, let at):
                    if let pending = timers[timer] { queue.removeAll { $0.order == pending } }
                    push(at, .timerFired(timer))
                    timers[timer] = order
                case .cancelTimer(let timer):
                    if let pending = timers[timer] { queue.removeAll { $0.order == pending } }
                    timers[timer] = nil
                case .connect:
                    let answer = connectCount < connects.count ? connects[connectCount] : .accept
                    connectCount += 1
                    switch answer {
                    case .accept: push(now + 20_000, .connected)
                    case .refuse: push(now + 15_000, .disconnected(.refused))
                    case .ignore: break
                    }
                case .send(.hello):
                    push(now + 30_000, .received(.welcome(sessionID: 0xFEED_FACE_0000_0001 &+ seed,
                                                          resumeToken: 0x8000_0000_0000_0000 | seed,
                                                          lastReceivedSeq: 0, resumed: false)))
                case .send(.resume(let sessionID, let resumeToken, _)):
                    let seq = resumeCount < resumeSeqs.count ? resumeSeqs[resumeCount] : 0
                    resumeCount += 1
                    push(now + 30_000, .received(.welcome(sessionID: sessionID, resumeToken: resumeToken,
                                                          lastReceivedSeq: seq, resumed: true)))
                case .send(.audio(let seq, _)) where seq % ackEvery == 0:
                    push(now + 10_000, .received(.ack(seq: seq)))
                case .send(.ping(let nonce)):
                    push(now + 5_000, .received(.pong(nonce: nonce)))
                case .disconnect, .send, .play, .stopPlayback, .showState:
                    break
                }
            }
        }
        return ["name": name, "seed": String(seed), "steps": steps]
    }
}

extension AgentScript {
    static let all = [turnAndBargeIn, reconnect, gaveUp]

    /// Mic chunks every 100 ms from 100 ms to `end`, loud (speech) inside `speech`.
    static func mic(until end: Int64, speech: [ClosedRange<Int64>]) -> [(Instant, ClientEvent)] {
        var events: [(Instant, ClientEvent)] = []
        var at: Int64 = AudioFormat.micChunkMicros
        while at <= end {
            let loud = speech.contains { $0.contains(at) }
            let samples = BrowserVectors.speech(AudioFormat.micChunkSamples, amplitude: loud ? 1_500 : 20, seed: UInt64(at))
            events.append((Instant(micros: at), .micCaptured(AudioChunk(samples: samples))))
            at += AudioFormat.micChunkMicros
        }
        return events
    }

    static func reply(_ responseID: UInt32, from start: Int64, chunks: Int, every: Int64) -> [(Instant, ClientEvent)] {
        (0..<chunks).map { index in
            let samples = BrowserVectors.speech(AudioFormat.micChunkSamples, amplitude: 3_000, seed: UInt64(index))
            return (Instant(micros: start + Int64(index) * every),
                    .received(.responseAudio(responseID: responseID, chunk: AudioChunk(samples: samples))))
        }
    }

    /// A turn answered and played, a second answer barged in on, a cancelled one, a third played.
    static let turnAndBargeIn = AgentScript(
        name: "turn and barge-in", seed: 7,
        scripted: [(Instant.zero, .callStarted)]
            + mic(until: 9_000_000, speech: [300_000...1_200_000, 4_000_000...4_900_000])
            + [(Instant(micros: 1_500_000), .received(.state(.thinking))),
               (Instant(micros: 1_550_000), .received(.finalTranscript("what is the weather like"))),
               (Instant(micros: 1_800_000), .received(.responseStart(responseID: 1))),
               (Instant(micros: 1_800_000), .received(.state(.speaking)))]
            + reply(1, from: 1_850_000, chunks: 12, every: 60_000)
            + [(Instant(micros: 2_600_000), .received(.responseEnd(responseID: 1, cancelled: false))),
               (Instant(micros: 3_400_000), .received(.responseStart(responseID: 2)))]
            + reply(2, from: 3_450_000, chunks: 20, every: 50_000)
            + [(Instant(micros: 4_500_000), .received(.responseEnd(responseID: 2, cancelled: true))),
               (Instant(micros: 4_520_000), .received(.state(.listening))),
               (Instant(micros: 5_600_000), .received(.responseStart(responseID: 3)))]
            + reply(3, from: 5_650_000, chunks: 5, every: 100_000)
            + [(Instant(micros: 6_300_000), .received(.responseEnd(responseID: 3, cancelled: false))),
               (Instant(micros: 6_300_000), .received(.responseEnd(responseID: 4, cancelled: true))),
               (Instant(micros: 7_000_000), .received(.state(.listening))),
               (Instant(micros: 9_050_000), .callEnded)])

    /// Two refused connects (backoff jitter), five short answers played (five reports, one more
    /// than the agent keeps), a lost connection mid-speech, a connect that times out, then a
    /// resume that replays the unacknowledged audio and re-sends the reports it kept.
    static let reconnect = AgentScript(
        name: "reconnect and replay", seed: 0xDEAD_BEEF,
        scripted: [(Instant.zero, .callStarted)]
            + mic(until: 22_000_000, speech: [4_000_000...5_500_000])
            + (1...5).flatMap { (responseID: UInt32) -> [(Instant, ClientEvent)] in
                let start = Int64(responseID) * 500_000 + 500_000
                return [(Instant(micros: start), .received(.responseStart(responseID: responseID)))]
                    + reply(responseID, from: start + 10_000, chunks: 2, every: 50_000)
                    + [(Instant(micros: start + 120_000), .received(.responseEnd(responseID: responseID, cancelled: false)))]
            }
            + [(Instant(micros: 5_000_000), .disconnected(.networkError)),
               (Instant(micros: 22_100_000), .callEnded)],
        connects: [.refuse, .refuse, .accept, .ignore], resumeSeqs: [12], ackEvery: 5)

    /// Every connect refused: the agent gives up after `attemptsMax` and shows failed.
    static let gaveUp = AgentScript(
        name: "gives up", seed: 1, scripted: [(Instant.zero, .callStarted)],
        connects: Array(repeating: .refuse, count: 20))
}

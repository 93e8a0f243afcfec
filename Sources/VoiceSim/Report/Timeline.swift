import VoiceCore

/// Collects what happened in a run as spans and instants for a Chrome/Perfetto trace
/// (`chrome://tracing`, ui.perfetto.dev): one process per lane, one track per concern.
///
/// Attach it as the simulation's observer; read `traceJSON(scenario:users:)` afterwards.
public final class Timeline: SimulationObserver {
    struct Span {
        let lane: Int
        let track: String
        let name: String
        let start: Instant
        var end: Instant
    }

    struct Moment {
        let lane: Int
        let track: String
        let name: String
        let at: Instant
    }

    private var spans: [Span] = []
    private var moments: [Moment] = []
    /// Per lane and track, the index of the span still open.
    private var open: [String: Int] = [:]
    private var lastTime = Instant.zero
    /// Another observer to pass everything on to (e.g. a trace recorder).
    public let next: SimulationObserver?

    public init(next: SimulationObserver? = nil) {
        self.next = next
    }

    public func simulation(
        lane: Int, input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest
    ) {
        lastTime = time
        switch output {
        case .client(let actions):
            for action in actions {
                switch action {
                case .showState(let state): switchSpan(lane, "client state", state.description, time)
                case .play(let responseID, _): extendOrOpen(lane, "playback", "response \(responseID)", time)
                case .stopPlayback: closeSpan(lane, "playback", time)
                case .connect: moments.append(Moment(lane: lane, track: "connection", name: "connect", at: time))
                case .disconnect, .send, .setTimer, .cancelTimer: break
                }
            }
            if case .client(_, .disconnected(let reason)) = input {
                moments.append(Moment(lane: lane, track: "connection", name: "disconnected (\(reason))", at: time))
            }
        case .server(let actions):
            for action in actions {
                switch action {
                case .llm(.start(let requestID, _, _)): switchSpan(lane, "llm", "request \(requestID)", time)
                case .llm(.cancel): closeSpan(lane, "llm", time)
                case .tts(.cancel): closeSpan(lane, "tts", time)
                case .send(.state(let state)): switchSpan(lane, "server state", state.description, time)
                default: break
                }
            }
            switch input {
            case .server(_, .llm(.done)), .server(_, .llm(.failed)): closeSpan(lane, "llm", time)
            case .server(_, .tts(.audio(let responseID, _, _))): extendOrOpen(lane, "tts", "audio \(responseID)", time)
            case .server(_, .tts(.done)): closeSpan(lane, "tts", time)
            default: break
            }
        }
        next?.simulation(lane: lane, input: input, output: output, at: time, digestAfter: digestAfter,
                         stateAfter: stateAfter)
    }

    public func simulation(lane: Int, mark: SimulationMark, at time: Instant) {
        moments.append(Moment(lane: lane, track: "marks", name: "\(mark.kind): \(mark.label)", at: time))
        next?.simulation(lane: lane, mark: mark, at: time)
    }

    private func key(_ lane: Int, _ track: String) -> String { "\(lane)/\(track)" }

    private func switchSpan(_ lane: Int, _ track: String, _ name: String, _ time: Instant) {
        closeSpan(lane, track, time)
        open[key(lane, track)] = spans.count
        spans.append(Span(lane: lane, track: track, name: name, start: time, end: time))
    }

    /// Playback and TTS come in chunks: one span per response while they keep coming.
    private func extendOrOpen(_ lane: Int, _ track: String, _ name: String, _ time: Instant) {
        if let index = open[key(lane, track)], spans[index].name == name {
            spans[index].end = time
            return
        }
        switchSpan(lane, track, name, time)
    }

    private func closeSpan(_ lane: Int, _ track: String, _ time: Instant) {
        guard let index = open.removeValue(forKey: key(lane, track)) else { return }
        spans[index].end = max(spans[index].end, time)
    }

    /// The Chrome trace-event JSON, with the users' speech and the fault windows added.
    public func traceJSON(scenario: Scenario, users: [SimUser]) -> JSONValue {
        var all = spans
        for index in all.indices where all[index].end == all[index].start { all[index].end = lastTime }
        for (lane, user) in users.enumerated() {
            for utterance in user.timeline.utterances where !utterance.words.isEmpty {
                all.append(Span(lane: lane, track: "user speech", name: utterance.text, start: utterance.start,
                                end: utterance.end))
            }
            for fault in scenario.faults.faults {
                all.append(Span(lane: lane, track: "faults", name: "\(fault.name): \(fault.kind)", start: fault.start,
                                end: max(fault.end, fault.start + 1_000)))
            }
        }
        let tracks = ["user speech", "client state", "playback", "server state", "llm", "tts", "connection", "faults", "marks"]
        var trace = PerfettoTrace(
            processes: (0..<max(1, users.count)).map { "lane \($0) (\(scenario.users[$0].id))" }, tracks: tracks)
        trace.spans = all.map {
            PerfettoTrace.Span(lane: $0.lane, track: $0.track, name: $0.name, start: $0.start, end: $0.end)
        }
        trace.instants = moments.map {
            PerfettoTrace.Instantaneous(lane: $0.lane, track: $0.track, name: $0.name, at: $0.at)
        }
        return trace.json
    }
}

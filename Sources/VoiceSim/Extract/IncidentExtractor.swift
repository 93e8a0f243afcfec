import Recorder
import VoiceCore

/// Turns a recorded session, simulated or live, into a scenario that reproduces it: what the
/// users said and when, the network as measured (base delay and jitter per direction, with
/// resets, partitions, stalls and latency spikes as a fault schedule), and the providers as
/// measured (LLM time to first token and token rate, TTS first audio, STT final delay).
///
/// A simulated session's stored scenario supplies the users' scripts (their exact timing
/// rules, e.g. a barge-in some milliseconds into the reply); otherwise each turn becomes an
/// utterance at its measured start, with the STT final as its words.
public enum IncidentExtractor {
    /// The scenario for session `id` (the only one when nil) of `reader`.
    public static func extract(
        _ reader: TraceReader, session id: Int64?, progress: ((Int64, Int64) -> Void)? = nil
    ) throws(DebugError) -> Scenario {
        let session = try reader.chooseSession(id)
        let timeline = try SessionTimeline.load(reader, session: session.id, progress: progress)
        let events = try reader.allEvents(session: session.id)
        let original = session.header.scenarioText.flatMap { try? Scenario.parse($0, fileName: "scenario") }
        let measured = ProviderTimings(events: events)
        let network = measureNetwork(timeline)
        var scenario = Scenario(
            name: "incident-session-\(session.id)",
            description: "Extracted from \(reader.path) session \(session.id)"
                + (session.header.scenarioName.map { " (\($0))" } ?? "") + " by voicesim extract.",
            seed: session.header.seed ?? original?.seed ?? 1,
            durationMicros: max(1_000_000, hangUp(events) ?? original?.durationMicros ?? timeline.end.micros),
            pipeline: session.header.pipeline == "v1" ? .v1 : .v2,
            users: users(session, timeline, original),
            network: network,
            server: ServerProfile(
                coldStartMicros: coldStart(events, upBase: network.up.baseLatencyMicros),
                resumeGraceMicros: session.header.lanes.first?.server.resumeGraceMicros ?? 30_000_000),
            providers: measured.profiles(defaults: ProviderProfiles()),
            faults: FaultSchedule(faults(timeline, base: network).faults + measured.slowLLMFaults))
        if scenario.users.isEmpty { scenario.users = original?.users ?? [] }
        return scenario
    }

    /// When the first user hung up.
    static func hangUp(_ events: [RecordedEvent]) -> Int64? {
        events.first { if case .client(_, .callEnded) = $0.input { true } else { false } }?.time.micros
    }

    static func users(_ session: TraceSession, _ timeline: SessionTimeline, _ original: Scenario?) -> [UserScript] {
        if let original, original.users.count == timeline.laneCount { return original.users }
        return (0..<UInt32(timeline.laneCount)).map { lane in
            let turns = timeline.turns.filter { $0.lane == lane }
            let id = Int(lane) < session.header.lanes.count ? session.header.lanes[Int(lane)].client.userID : "user-\(lane)"
            var characters: Int64 = 0
            var speechMicros: Int64 = 0
            var utterances: [UserScript.Utterance] = []
            for turn in turns {
                let text = turn.text.isEmpty ? "(unintelligible)" : turn.text
                characters += Int64(text.count)
                speechMicros += turn.speechEnd.micros(since: turn.speechStart)
                utterances.append(UserScript.Utterance(text, start: .at(turn.speechStart)))
            }
            // The synthetic voice speaks a character in 60 s / (wpm · 6): match the measured pace.
            let wordsPerMinute = characters > 0 && speechMicros > 0
                ? min(400, max(60, 60_000_000 * characters / (6 * speechMicros) / 6)) : 150
            return UserScript(id: id, utterances: utterances, wordsPerMinute: wordsPerMinute)
        }
    }

    /// The first connection's extra delay beyond the handshake: a cold start.
    static func coldStart(_ events: [RecordedEvent], upBase: Int64) -> Int64 {
        guard let connect = events.first(where: { event in
            if case .client(let actions) = event.output { actions.contains(.connect) } else { false }
        }),
            let opened = events.first(where: { if case .server(_, .clientConnected) = $0.input { true } else { false } })
        else { return 0 }
        let extra = opened.time.micros(since: connect.time) - 2 * upBase
        return extra > 100_000 ? extra / 1_000 * 1_000 : 0
    }
}

import Recorder
import VoiceCore

/// Turns a session's recorded events into a `SessionTimeline`, one event at a time.
///
/// Everything is derived from what the machines saw and did, so live and simulated sessions
/// read the same: speech from the recorded mic energies through the lane's own VAD config,
/// network delays by pairing each sent message with its delivery, provider timings from the
/// server's commands and the providers' answers.
struct SessionTimelineBuilder {
    var timeline: SessionTimeline
    var lanes: [LaneState]
    var lastTime = Instant.zero

    init(session: TraceSession) {
        let setups = session.header.lanes
        timeline = SessionTimeline(
            session: session.id, origin: session.header.origin, scenarioName: session.header.scenarioName,
            laneCount: max(1, setups.count), end: .zero)
        lanes = (0..<max(1, setups.count)).map { index in
            LaneState(vad: EnergyVAD(config: index < setups.count ? setups[index].client.vad : VADConfig()))
        }
    }

    /// What the builder tracks per call lane between events.
    struct LaneState {
        var vad: EnergyVAD
        /// Index into `timeline.spans` of the span still open on each track.
        var open: [TimelineTrack: Int] = [:]
        var speechStart: Instant?
        var segments: [(start: Instant, end: Instant)] = []
        /// Sent messages not delivered yet, by key, oldest first; per direction.
        var inFlightUp: [String: [Instant]] = [:]
        var inFlightDown: [String: [Instant]] = [:]
        var disconnectedAt: Instant?
        var llmStarted: [UInt32: Instant] = [:]
        var llmFirstToken: Set<UInt32> = []
        var ttsFirstText: [UInt32: Instant] = [:]
        var ttsFirstAudio: Set<UInt32> = []
        var played: Set<UInt32> = []
        var firstPlays: [(responseID: UInt32, at: Instant)] = []
        var interrupted: Set<UInt32> = []
        var finals: [(at: Instant, text: String)] = []
    }
}

extension SessionTimelineBuilder {
    /// Adds one recorded event.
    /// - Complexity: O(size of the event) amortised.
    mutating func add(_ event: RecordedEvent) {
        lastTime = max(lastTime, event.time)
        let lane = event.input.lane
        guard Int(lane) < lanes.count else { return }
        switch (event.input, event.output) {
        case (.client(_, let input), .client(let actions)):
            client(lane, input, actions, event)
        case (.server(_, let input), .server(let actions)):
            server(lane, input, actions, event)
        case (.client, .server), (.server, .client):
            break
        }
    }

    mutating func moment(
        _ lane: UInt32, _ track: TimelineTrack, _ side: TimelineSide, _ at: Instant, _ text: String,
        index: Int64 = -1, highlight: TimelineHighlight? = nil, significant: Bool = true
    ) {
        timeline.moments.append(
            TimelineMoment(
                lane: lane, track: track, side: side, at: at, text: text, eventIndex: index, highlight: highlight,
                significant: significant))
    }

    /// Closes the open span of `track`, then opens one named `name` from `at`.
    mutating func switchSpan(
        _ lane: UInt32, _ track: TimelineTrack, _ name: String, _ at: Instant, style: TimelineSpanStyle = .normal
    ) {
        closeSpan(lane, track, at)
        lanes[Int(lane)].open[track] = timeline.spans.count
        timeline.spans.append(TimelineSpan(lane: lane, track: track, name: name, start: at, end: at, style: style))
    }

    /// Extends the open span of `track` named `name` to `end`, or opens one from `at`.
    mutating func extendSpan(_ lane: UInt32, _ track: TimelineTrack, _ name: String, from at: Instant, to end: Instant) {
        if let index = lanes[Int(lane)].open[track], timeline.spans[index].name == name {
            timeline.spans[index].end = max(timeline.spans[index].end, end)
            return
        }
        // Another response's audio ends where its own sound did, not where this one starts.
        lanes[Int(lane)].open[track] = nil
        switchSpan(lane, track, name, at)
        timeline.spans[timeline.spans.count - 1].end = end
    }

    /// Ends the open span of `track` at `at` (later than anything it already covers).
    mutating func closeSpan(_ lane: UInt32, _ track: TimelineTrack, _ at: Instant) {
        guard let index = lanes[Int(lane)].open.removeValue(forKey: track) else { return }
        timeline.spans[index].end = max(timeline.spans[index].end, at)
    }

    /// Cuts the open span of `track` at `at`, even if it was extended past it (a stopped playback).
    mutating func cutSpan(_ lane: UInt32, _ track: TimelineTrack, _ at: Instant) {
        guard let index = lanes[Int(lane)].open.removeValue(forKey: track) else { return }
        timeline.spans[index].end = max(timeline.spans[index].start, at)
    }
}

import Recorder
import VoiceCore

extension SessionTimelineBuilder {
    /// The finished timeline: open spans closed, turns joined to their answers, latency
    /// spikes found, the trace's marks and a simulated session's fault windows added.
    mutating func finish(marks: [TraceMark], faults: FaultSchedule?) -> SessionTimeline {
        timeline.end = max(timeline.end, lastTime)
        for lane in 0..<UInt32(lanes.count) {
            // States and open streams last to the end; audio spans already end where their sound does.
            for track in TimelineTrack.allCases where track != .playback && track != .tts {
                closeSpan(lane, track, lastTime)
            }
            lanes[Int(lane)].open = [:]
            if let start = lanes[Int(lane)].speechStart {
                lanes[Int(lane)].segments.append((start, lastTime))
            }
            joinTurns(lane, marks: marks)
        }
        for span in timeline.spans { timeline.end = max(timeline.end, span.end) }
        shadeSlowDeliveries()
        addMarks(marks)
        if let faults { addFaults(faults) }
        timeline.spans.sort { ($0.start, $0.lane, $0.track.order) < ($1.start, $1.lane, $1.track.order) }
        // Stable order: time, then recording order (event index), then the order added.
        timeline.moments = timeline.moments.enumerated().sorted {
            ($0.element.at, $0.offset) < ($1.element.at, $1.offset)
        }.map(\.element)
        return timeline
    }

    /// Gives each answered speech segment its first answer, as the simulator does: the first
    /// sound of a new response answers the latest unanswered turn that ended before it.
    private mutating func joinTurns(_ lane: UInt32, marks: [TraceMark]) {
        let state = lanes[Int(lane)]
        var turns = state.segments.enumerated().map { number, segment in
            TimelineTurn(
                lane: lane, number: number + 1, text: "", speechStart: segment.start, speechEnd: segment.end,
                responseID: nil, firstPlay: nil, interrupted: false)
        }
        for play in state.firstPlays {
            guard let index = turns.lastIndex(where: { $0.firstPlay == nil && $0.speechEnd <= play.at }) else {
                continue
            }
            turns[index].firstPlay = play.at
            turns[index].responseID = play.responseID
            turns[index].interrupted = state.interrupted.contains(play.responseID)
        }
        let said = marks.filter { $0.kind.rawValue == "turn_start" && Self.lane(of: $0) == lane }
        for index in turns.indices {
            let turn = turns[index]
            if let mark = said.min(by: { abs($0.time.micros(since: turn.speechStart)) < abs($1.time.micros(since: turn.speechStart)) }),
                abs(mark.time.micros(since: turn.speechStart)) < 1_000_000
            {
                turns[index].text = Self.unprefixed(mark.label)
            } else if let final = state.finals.first(where: { $0.at >= turn.speechEnd }) {
                turns[index].text = final.text
            }
        }
        var earlier: [Int64] = []
        for turn in turns {
            timeline.spans.append(
                TimelineSpan(
                    lane: lane, track: .turns, name: "turn \(turn.number)", start: turn.speechEnd,
                    end: turn.firstPlay ?? turn.speechEnd, style: turn.firstPlay == nil ? .gap : .normal))
            guard let latency = turn.voiceToVoiceMicros, let play = turn.firstPlay else { continue }
            let typical = earlier.isEmpty ? nil : earlier.sorted()[earlier.count / 2]
            let spike = latency > Self.spikeMicros || typical.map { latency * 2 > $0 * 3 } == true
            moment(lane, .turns, .client, play,
                   "turn \(turn.number) answered: voice-to-voice \(Self.millis(latency))"
                       + (turn.interrupted ? " (the user barged in on it)" : ""),
                   highlight: spike ? .spike : nil)
            earlier.append(latency)
        }
        timeline.turns += turns
    }

    /// Voice-to-voice above this (the seed's p95 target) is a spike; so is 1.5× the lane's median.
    static let spikeMicros: Int64 = 4_000_000

    private mutating func addMarks(_ marks: [TraceMark]) {
        for mark in marks {
            let lane = Self.lane(of: mark) ?? 0
            let kind = mark.kind.rawValue
            let failure = mark.kind == .invariantFailure
            // Interruptions, reconnects and spikes are already derived from the events.
            let shown = kind == "turn_start" || kind == "turn_end" || failure
                || ![TraceMark.Kind.interruption, .reconnect, .latencySpike].contains(mark.kind)
            moment(lane, .marks, failure ? .core : .client, mark.time, "\(kind): \(Self.unprefixed(mark.label))",
                   index: mark.eventIndex, highlight: failure ? .error : nil, significant: shown)
        }
    }

    /// A simulated session's fault windows, on the tracks they hit.
    private mutating func addFaults(_ faults: FaultSchedule) {
        for fault in faults.sortedByStart {
            let end = max(fault.end, fault.start + 50_000)
            let name = "fault: \(fault.kind)"
            let tracks: [TimelineTrack]
            let style: TimelineSpanStyle
            switch fault.kind {
            case .partition, .connectionReset: (tracks, style) = ([.uplink, .downlink], .partition)
            case .stall: (tracks, style) = ([.uplink, .downlink], .stall)
            case .latencySpike: (tracks, style) = ([.uplink, .downlink], .spike)
            case .loss: (tracks, style) = ([.uplink, .downlink], .drop)
            case .coldStart: (tracks, style) = ([.connection], .fault)
            case .duplicate, .reorder, .lateDelivery: (tracks, style) = ([.uplink], .fault)
            case .duplicateDown, .reorderDown, .lateDeliveryDown: (tracks, style) = ([.downlink], .fault)
            case .providerOutage(let provider), .providerSlow(let provider, _):
                (tracks, style) = ([provider == .stt ? .stt : provider == .llm ? .llm : .tts], .fault)
            }
            for lane in 0..<UInt32(lanes.count) {
                for track in tracks {
                    timeline.spans.append(
                        TimelineSpan(lane: lane, track: track, name: name, start: fault.start, end: end, style: style))
                }
                moment(lane, .connection, .network, fault.start, "fault window opens: \(fault)", significant: false)
            }
        }
    }

    /// The lane a mark's label names ("lane 2: …"), if any.
    static func lane(of mark: TraceMark) -> UInt32? {
        guard mark.label.hasPrefix("lane "), let colon = mark.label.firstIndex(of: ":") else { return nil }
        return UInt32(mark.label[mark.label.index(mark.label.startIndex, offsetBy: 5)..<colon])
    }

    static func unprefixed(_ label: String) -> String {
        guard label.hasPrefix("lane "), let colon = label.firstIndex(of: ":") else { return label }
        return String(label[label.index(after: colon)...].drop(while: { $0 == " " }))
    }
}

extension TimelineTrack {
    /// Position from the top.
    var order: Int { Self.allCases.firstIndex(of: self)! }
}

extension SessionTimeline {
    /// The timeline of session `id` (the only one when nil) of the trace at `reader`; with
    /// `waveforms`, a full-audio session's mic and played audio too (ignored for hash-only).
    /// - Complexity: O(size of the session); O(its audio) more with waveforms.
    public static func load(
        _ reader: TraceReader, session id: Int64?, waveforms: Bool = false,
        progress: ((Int64, Int64) -> Void)? = nil
    ) throws(DebugError) -> SessionTimeline {
        let session = try reader.chooseSession(id)
        let events = try reader.allEvents(session: session.id)
        let marks = try reader.allMarks(session: session.id)
        var builder = SessionTimelineBuilder(session: session)
        for (position, event) in events.enumerated() {
            builder.add(event)
            if position % 4_096 == 0 { progress?(Int64(position), Int64(events.count)) }
        }
        progress?(Int64(events.count), Int64(events.count))
        let scenario = session.header.scenarioText.flatMap { try? Scenario.parse($0, fileName: "scenario") }
        var timeline = builder.finish(marks: marks, faults: scenario?.faults)
        if waveforms, session.header.audioMode == .full {
            for lane in 0..<UInt32(timeline.laneCount) {
                let tracks = try reader.audioTracks(session: session.id, lane: lane)
                timeline.waveforms.append(TimelineWaveform(lane: lane, track: .mic, samples: tracks.mic))
                timeline.waveforms.append(TimelineWaveform(lane: lane, track: .playback, samples: tracks.played))
            }
        }
        return timeline
    }
}

extension TimelineWaveform {
    /// Peaks of `samples` per 10 ms.
    init(lane: UInt32, track: TimelineTrack, samples: [Int16]) {
        let bucket = AudioFormat.samples(micros: 10_000)
        var peaks: [Int16] = []
        peaks.reserveCapacity(samples.count / bucket + 1)
        var start = 0
        while start < samples.count {
            var peak: Int16 = 0
            for sample in samples[start..<min(samples.count, start + bucket)] {
                peak = max(peak, sample == .min ? .max : abs(sample))
            }
            peaks.append(peak)
            start += bucket
        }
        self.init(lane: lane, track: track, bucketMicros: 10_000, peaks: peaks)
    }
}

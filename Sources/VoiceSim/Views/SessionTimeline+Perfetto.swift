import VoiceCore

extension SessionTimeline {
    /// The timeline as Chrome/Perfetto trace-event JSON: a process per call lane, a track per
    /// component (`TimelineTrack`), counters of each direction's one-way delay in ms.
    public var perfetto: JSONValue {
        var trace = PerfettoTrace(
            processes: (0..<laneCount).map { "lane \($0)" + (scenarioName.map { " (\($0))" } ?? "") },
            tracks: TimelineTrack.allCases.map(\.rawValue))
        trace.spans = spans.map {
            PerfettoTrace.Span(lane: Int($0.lane), track: $0.track.rawValue, name: $0.name, start: $0.start, end: $0.end)
        }
        trace.instants = moments.map {
            PerfettoTrace.Instantaneous(lane: Int($0.lane), track: $0.track.rawValue, name: $0.text, at: $0.at)
        }
        trace.counters = delays.map {
            PerfettoTrace.Counter(
                lane: Int($0.lane), name: "\($0.track.rawValue) delay ms", at: $0.sentAt, value: $0.delayMicros / 1_000)
        }
        return trace.json
    }
}

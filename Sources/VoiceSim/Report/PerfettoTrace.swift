import VoiceCore

/// A Chrome trace-event document (`chrome://tracing`, ui.perfetto.dev): one process per call
/// lane, one thread (track) per component, complete spans, instants and counters.
///
/// Shared by `run --timeline` (a fresh simulation) and `timeline --format perfetto` (a trace).
public struct PerfettoTrace {
    public struct Span {
        var lane: Int
        var track: String
        var name: String
        var start: Instant
        var end: Instant
    }

    public struct Instantaneous {
        var lane: Int
        var track: String
        var name: String
        var at: Instant
    }

    public struct Counter {
        var lane: Int
        var name: String
        var at: Instant
        var value: Int64
    }

    /// Process names, by lane.
    var processes: [String]
    /// Track names, in display order.
    var tracks: [String]
    var spans: [Span] = []
    var instants: [Instantaneous] = []
    var counters: [Counter] = []

    init(processes: [String], tracks: [String]) {
        self.processes = processes
        self.tracks = tracks
    }
}

extension PerfettoTrace {
    /// The trace-event JSON.
    public var json: JSONValue {
        func trackID(_ track: String) -> Int64 { Int64(tracks.firstIndex(of: track) ?? tracks.count) }
        var events: [JSONValue] = []
        for (lane, name) in processes.enumerated() {
            events.append(.object([("name", .string("process_name")), ("ph", .string("M")), ("pid", .int(Int64(lane))),
                                   ("args", .object([("name", .string(name))]))]))
            for track in tracks {
                events.append(.object([("name", .string("thread_name")), ("ph", .string("M")), ("pid", .int(Int64(lane))),
                                       ("tid", .int(trackID(track))), ("args", .object([("name", .string(track))]))]))
            }
        }
        for span in spans {
            events.append(.object([
                ("name", .string(span.name)), ("ph", .string("X")), ("ts", .int(span.start.micros)),
                ("dur", .int(max(0, span.end.micros(since: span.start)))), ("pid", .int(Int64(span.lane))),
                ("tid", .int(trackID(span.track))),
            ]))
        }
        for moment in instants {
            events.append(.object([
                ("name", .string(moment.name)), ("ph", .string("i")), ("s", .string("t")), ("ts", .int(moment.at.micros)),
                ("pid", .int(Int64(moment.lane))), ("tid", .int(trackID(moment.track))),
            ]))
        }
        for counter in counters {
            events.append(.object([
                ("name", .string(counter.name)), ("ph", .string("C")), ("ts", .int(counter.at.micros)),
                ("pid", .int(Int64(counter.lane))), ("args", .object([("ms", .int(counter.value))])),
            ]))
        }
        return .object([("traceEvents", .array(events)), ("displayTimeUnit", .string("ms"))])
    }
}

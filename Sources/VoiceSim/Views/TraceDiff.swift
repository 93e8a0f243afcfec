import Recorder
import VoiceCore

/// What differs between two recorded sessions (or a session and the current core's replay
/// of it): the first point where their event streams part, in context, then per-turn
/// latency, interruption and cost differences. "What did my fix change?"
public struct TraceDiff: Sendable {
    /// One side of the comparison.
    public struct Side: Sendable {
        public var label: String
        public var session: TraceSession
        public var events: [RecordedEvent]
        public var timeline: SessionTimeline
    }

    /// Where the streams first part, by lane: positions in each side's events.
    public struct Divergence: Equatable, Sendable {
        public var lane: UInt32
        public var a: Int?
        public var b: Int?
    }

    public var a: Side
    public var b: Side
    public var divergence: Divergence?
}

extension TraceDiff.Side {
    /// Session `id` (the only one when nil) of `reader`.
    public static func load(_ reader: TraceReader, session id: Int64?, label: String) throws(DebugError) -> Self {
        let session = try reader.chooseSession(id)
        return Self(
            label: label, session: session, events: try reader.allEvents(session: session.id),
            timeline: try SessionTimeline.load(reader, session: session.id))
    }

    /// The same recorded inputs, with the actions the current core emits for them: the trace
    /// "against the current code". Its turn timings follow the new actions (e.g. when playback
    /// starts), on the recorded input times.
    public func replayed(label: String, makeMachines: (LaneSetup) -> LaneMachines = { $0.makeMachines() }) -> Self {
        var machines = session.header.lanes.map(makeMachines)
        var replayed = events
        for index in replayed.indices {
            let event = replayed[index]
            replayed[index].output = machines[Int(event.input.lane)].apply(event.input, at: event.time)
        }
        var builder = SessionTimelineBuilder(session: session)
        for event in replayed { builder.add(event) }
        let scenario = session.header.scenarioText.flatMap { try? Scenario.parse($0, fileName: "scenario") }
        // Marks were the recording's, so the replay has none; turn texts come from STT finals.
        return Self(
            label: label, session: session, events: replayed,
            timeline: builder.finish(marks: [], faults: scenario?.faults))
    }
}

extension TraceDiff {
    /// Compares `a` and `b` lane by lane, event by event (time, input and actions).
    /// - Complexity: O(events)
    public init(a: Side, b: Side) {
        self.a = a
        self.b = b
        let lanes = max(a.timeline.laneCount, b.timeline.laneCount)
        var first: (time: Instant, divergence: Divergence)?
        for lane in 0..<UInt32(lanes) {
            let left = a.events.indices.filter { a.events[$0].input.lane == lane }
            let right = b.events.indices.filter { b.events[$0].input.lane == lane }
            for position in 0..<max(left.count, right.count) {
                let l = position < left.count ? left[position] : nil
                let r = position < right.count ? right[position] : nil
                if let l, let r, Self.same(a.events[l], b.events[r]) { continue }
                let time = min(l.map { a.events[$0].time } ?? .init(micros: .max),
                               r.map { b.events[$0].time } ?? .init(micros: .max))
                if first == nil || time < first!.time { first = (time, Divergence(lane: lane, a: l, b: r)) }
                break
            }
        }
        divergence = first?.divergence
    }

    static func same(_ left: RecordedEvent, _ right: RecordedEvent) -> Bool {
        left.time == right.time && left.input == right.input && left.output == right.output
    }

    /// True when every lane's events are the same on both sides.
    public var isEmpty: Bool { divergence == nil }
}

extension TraceDiff {
    /// The report: empty when the sides are the same.
    public var text: String {
        guard let divergence else { return "" }
        var lines = ["--- \(a.label)", "+++ \(b.label)"]
        let left = a.events.indices.filter { a.events[$0].input.lane == divergence.lane }
        let start = divergence.a.flatMap { left.firstIndex(of: $0) } ?? left.count
        let time = (divergence.a.map { a.events[$0].time } ?? divergence.b.map { b.events[$0].time })!
        lines.append("first divergence: lane \(divergence.lane) at \(time)")
        for index in left[max(0, start - 4)..<start] { lines += Self.describe(a.events[index], prefix: " ") }
        for (side, prefix, position) in [(a, "-", divergence.a), (b, "+", divergence.b)] {
            guard let position else {
                lines.append("\(prefix) (no more events on lane \(divergence.lane))")
                continue
            }
            let sameLane = side.events[position...].lazy.filter { $0.input.lane == divergence.lane }.prefix(3)
            for event in sameLane { lines += Self.describe(event, prefix: prefix) }
        }
        lines.append("")
        lines += turnLines
        lines.append("")
        lines += summaryLines
        return lines.joined(separator: "\n")
    }

    static func describe(_ event: RecordedEvent, prefix: String) -> [String] {
        var lines = ["\(prefix) #\(event.index) \(event.time) \(event.input.readableDescription)"]
        let actions = event.output.describedActions
        if !actions.isEmpty { lines.append("\(prefix)     -> " + actions.joined(separator: "; ")) }
        return lines
    }

    private var turnLines: [String] {
        var lines = ["turns (voice-to-voice, ms):", "  lane turn  \(a.label.prefix(12).padding(12)) \(b.label.prefix(12).padding(12)) change"]
        let keys = Set(a.timeline.turns.map { "\($0.lane)/\($0.number)" } + b.timeline.turns.map { "\($0.lane)/\($0.number)" })
        let ordered = keys.compactMap { key -> (UInt32, Int)? in
            let parts = key.split(separator: "/")
            return (UInt32(parts[0])!, Int(parts[1])!)
        }.sorted { $0 < $1 }
        for (lane, number) in ordered {
            let left = a.timeline.turns.first { $0.lane == lane && $0.number == number }
            let right = b.timeline.turns.first { $0.lane == lane && $0.number == number }
            func cell(_ turn: TimelineTurn?) -> String {
                guard let turn else { return "-" }
                return (turn.voiceToVoiceMicros.map { String($0 / 1_000) } ?? "unanswered") + (turn.interrupted ? "*" : "")
            }
            var change = ""
            if let l = left?.voiceToVoiceMicros, let r = right?.voiceToVoiceMicros, l != r {
                change = (r > l ? "+" : "") + "\((r - l) / 1_000) ms"
            } else if cell(left) != cell(right) {
                change = "changed"
            }
            lines.append("  \(String(lane).padding(4)) \(String(number).padding(5)) \(cell(left).padding(12)) \(cell(right).padding(12)) \(change)")
        }
        lines.append("  (* = interrupted by the user)")
        return lines
    }

    private var summaryLines: [String] {
        func count(_ side: Side, _ highlight: TimelineHighlight) -> Int {
            side.timeline.moments.filter { $0.highlight == highlight }.count
        }
        func cost(_ side: Side) -> String {
            var micro: Int64 = 0
            for event in side.events {
                guard case .server(let actions) = event.output else { continue }
                for case .sessionEnded(let usage) in actions { micro += usage.costMicroUSD() }
            }
            return "$" + SessionTimelineBuilder.dollars(micro)
        }
        var lines: [String] = []
        func row(_ name: String, _ left: String, _ right: String) {
            lines.append("\(name.padding(14)) \(left.padding(12)) \(right.padding(12))\(left == right ? "" : " changed")")
        }
        row("events", String(a.events.count), String(b.events.count))
        row("interruptions", String(count(a, .interruption)), String(count(b, .interruption)))
        row("reconnects", String(count(a, .reconnect)), String(count(b, .reconnect)))
        row("errors", String(count(a, .error)), String(count(b, .error)))
        row("cost", cost(a), cost(b))
        return lines
    }
}

extension StringProtocol {
    /// Padded with spaces to `width` characters (never cut).
    func padding(_ width: Int) -> String {
        String(self) + String(repeating: " ", count: Swift.max(0, width - count))
    }
}

import Recorder
import VoiceCore

/// What one recorded session shows, read once so that every expectation can be checked
/// against it: the inputs and actions of both machines, the marks, the summary and the
/// per-turn timeline (`SessionTimeline`).
///
/// Expectations read only this, so they judge a golden trace and a fresh recording of its
/// scenario in the same way.
public struct SessionFacts: Sendable {
    public var session: TraceSession
    public var events: [RecordedEvent]
    public var marks: [TraceMark]
    public var timeline: SessionTimeline

    public init(session: TraceSession, events: [RecordedEvent], marks: [TraceMark], timeline: SessionTimeline) {
        self.session = session
        self.events = events
        self.marks = marks
        self.timeline = timeline
    }
}

extension SessionFacts {
    /// The facts of session `id` (the only one when nil) of `reader`.
    /// - Complexity: O(size of the session, audio excluded)
    public static func load(_ reader: TraceReader, session id: Int64?) throws(DebugError) -> SessionFacts {
        let session = try reader.chooseSession(id)
        return SessionFacts(
            session: session, events: try reader.allEvents(session: session.id),
            marks: try reader.allMarks(session: session.id),
            timeline: try SessionTimeline.load(reader, session: session.id))
    }

    var laneCount: Int { session.header.lanes.count }

    /// Each client input of `lane` with its actions, in order.
    func clientSteps(lane: Int) -> [(time: Instant, event: ClientEvent, actions: [ClientAction])] {
        events.compactMap { event in
            guard case .client(let eventLane, let input) = event.input, eventLane == UInt32(lane),
                case .client(let actions) = event.output
            else { return nil }
            return (event.time, input, actions)
        }
    }

    /// Each server input of `lane` with its actions, in order.
    func serverSteps(lane: Int) -> [(time: Instant, event: ServerEvent, actions: [ServerAction])] {
        events.compactMap { event in
            guard case .server(let eventLane, let input) = event.input, eventLane == UInt32(lane),
                case .server(let actions) = event.output
            else { return nil }
            return (event.time, input, actions)
        }
    }

    /// The usage of every session the server ended, lane by lane.
    var endedUsages: [SessionUsage] {
        events.flatMap { event -> [SessionUsage] in
            guard case .server(let actions) = event.output else { return [] }
            return actions.compactMap { if case .sessionEnded(let usage) = $0 { usage } else { nil } }
        }
    }

    func marks(_ kind: String) -> [TraceMark] { marks.filter { $0.kind.rawValue == kind } }
}

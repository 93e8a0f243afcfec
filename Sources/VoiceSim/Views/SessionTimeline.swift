import Recorder
import VoiceCore

/// What happened in one recorded session, laid out for people: swim-lane spans, point
/// events, network delays, turns and (with full audio) waveforms.
///
/// Built from a trace's events alone (`SessionTimeline.load`), so it works for simulated and
/// live sessions alike; a simulated session's scenario adds its fault windows. The text, HTML
/// and Perfetto views all render this one value.
public struct SessionTimeline: Sendable {
    public var session: Int64
    public var origin: SessionHeader.Origin
    public var scenarioName: String?
    /// Call lanes (one user each).
    public var laneCount: Int
    /// The time of the last event or the end of the last sound.
    public var end: Instant
    public var spans: [TimelineSpan] = []
    public var moments: [TimelineMoment] = []
    /// One-way delay of each delivered message, per direction.
    public var delays: [TimelineDelay] = []
    public var turns: [TimelineTurn] = []
    public var waveforms: [TimelineWaveform] = []

    public init(session: Int64, origin: SessionHeader.Origin, scenarioName: String?, laneCount: Int, end: Instant) {
        self.session = session
        self.origin = origin
        self.scenarioName = scenarioName
        self.laneCount = laneCount
        self.end = end
    }
}

/// The swim lanes, top to bottom.
public enum TimelineTrack: String, CaseIterable, Sendable {
    case turns = "turns"
    case mic = "mic/VAD"
    case clientState = "client state"
    case uplink = "uplink"
    case downlink = "downlink"
    case stt = "STT"
    case llm = "LLM"
    case tts = "TTS"
    case playback = "playback"
    case connection = "connection"
    case marks = "marks"
}

/// Who did something: the browser side, the session server, a provider, or the network.
public enum TimelineSide: String, Sendable {
    case client
    case server
    case provider
    case network
    case core
}

/// What makes a moment stand out in the text view.
public enum TimelineHighlight: String, Sendable {
    case turn = "TURN"
    case interruption = "INTERRUPTION"
    case reconnect = "RECONNECT"
    case gap = "GAP"
    case error = "ERROR"
    case spike = "SPIKE"
}

/// How a span is drawn.
public enum TimelineSpanStyle: String, Sendable {
    case normal
    case speech
    case partition
    case stall
    case spike
    case drop
    case fault
    case gap
}

public struct TimelineSpan: Equatable, Sendable {
    public var lane: UInt32
    public var track: TimelineTrack
    public var name: String
    public var start: Instant
    public var end: Instant
    public var style: TimelineSpanStyle
}

public struct TimelineMoment: Equatable, Sendable {
    public var lane: UInt32
    public var track: TimelineTrack
    public var side: TimelineSide
    public var at: Instant
    public var text: String
    /// The record this came from (-1 for derived moments without one).
    public var eventIndex: Int64
    public var highlight: TimelineHighlight?
    /// Shown in the text view (partials, tokens and chunks are not).
    public var significant: Bool
}

/// A message's trip: sent at `sentAt`, delivered `delayMicros` later.
public struct TimelineDelay: Equatable, Sendable {
    public var lane: UInt32
    /// `.uplink` or `.downlink`.
    public var track: TimelineTrack
    public var sentAt: Instant
    public var delayMicros: Int64
}

/// One user turn: speech (from the client's VAD on the recorded mic energies) to the first
/// sound of its answer.
public struct TimelineTurn: Equatable, Sendable {
    public var lane: UInt32
    /// From 1, per lane.
    public var number: Int
    /// What the user said, when known (a simulated session's script, else the STT final).
    public var text: String
    public var speechStart: Instant
    public var speechEnd: Instant
    public var responseID: UInt32?
    public var firstPlay: Instant?
    /// The user spoke over this turn's answer.
    public var interrupted: Bool

    public var voiceToVoiceMicros: Int64? { firstPlay.map { $0.micros(since: speechEnd) } }
}

/// Peak amplitude per `bucketMicros` of a lane's mic or played audio.
public struct TimelineWaveform: Equatable, Sendable {
    public var lane: UInt32
    /// `.mic` or `.playback`.
    public var track: TimelineTrack
    public var bucketMicros: Int64
    public var peaks: [Int16]
}

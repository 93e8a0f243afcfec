import VoiceCore

/// Records one session of machine inputs into a trace: the recording tap of a simulation or
/// a live server.
///
/// Give it every input of every lane, in the order the machines received them, with the
/// actions they produced (`record`), notable moments (`mark`), then `finish`. Each input
/// becomes one compact record (see `EventRecord`): audio is stored once per session, as its
/// summary (`.hash`) or with its samples (`.full`), and referred to afterwards. Every
/// `checkpointInterval` records, and at the end, the lane's action digest and state digests are
/// stored as a checkpoint so replay can say where behaviour, or state, first differed.
///
/// Errors: the first failure is kept in `error` and thrown again by every later call, so a
/// caller that cannot throw (an observer callback) may ignore `record`'s error and still
/// learn of it from `finish`.
public final class SessionRecorder {
    public typealias AudioMode = SessionHeader.AudioMode

    public let writer: TraceWriter
    public let sessionID: Int64
    public let audioMode: AudioMode
    public let laneCount: Int
    /// Records between two digest checkpoints.
    public let checkpointInterval: Int64
    /// The first error met; once set, nothing more is recorded.
    public internal(set) var error: TraceError?
    var encoder: EventRecordEncoder
    /// The latest record: its index, time, lane and lane digest (the end checkpoint).
    var last: (index: Int64, time: Instant, lane: Int, digest: UInt64)?

    /// Starts a session in `writer` with `header`, whose `lanes` and `audioMode` are set from
    /// `lanes` and `audio`.
    ///
    /// Throws `.unrecordable` for a lane setup a reader would refuse (e.g. a negative timeout),
    /// so a trace that cannot be replayed is never written.
    public init(
        writer: TraceWriter, header: SessionHeader, lanes: [LaneSetup], audio: AudioMode,
        checkpointInterval: Int64 = 1_000
    ) throws(TraceError) {
        precondition(checkpointInterval > 0, "checkpointInterval \(checkpointInterval)")
        guard lanes.count <= TraceSchema.lanesMax else {
            throw .unrecordable(reason: "\(lanes.count) lanes, at most \(TraceSchema.lanesMax)")
        }
        for (lane, setup) in lanes.enumerated() {
            let decoded: LaneSetup
            do {
                decoded = try LaneSetup.decode(setup.canonicalBytes())
            } catch {
                throw .unrecordable(reason: "lane \(lane) setup: \(error)")
            }
            guard decoded == setup else { throw .unrecordable(reason: "lane \(lane) setup does not survive encoding") }
        }
        var header = header
        header.lanes = lanes
        header.audioMode = audio
        sessionID = try writer.beginSession(header)
        self.writer = writer
        audioMode = audio
        laneCount = lanes.count
        self.checkpointInterval = checkpointInterval
        encoder = EventRecordEncoder(storesSamples: audio == .full, laneCount: lanes.count)
    }
}

// Owns a `TraceWriter` (see there).
@available(*, unavailable)
extension SessionRecorder: Sendable {}

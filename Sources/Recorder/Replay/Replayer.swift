import VoiceCore

/// Replays recorded sessions: rebuilds each lane's machines from the recorded setups, feeds
/// them every recorded input at its recorded time, and compares every action they emit with
/// the recorded ones, and their digests with the recorded checkpoints.
///
/// The first difference is reported as a `Divergence` with its context. The replay then goes
/// on, without comparing actions, up to the next checkpoint, so the report can show the
/// digests on both sides there; the core is built to take any input without trapping.
///
/// Damaged traces are `TraceError`s, never traps: the reader verifies every row's checksum, every
/// chunk and the decoder every record, and lane setups are validated before any machine is
/// built. When every action matched, the stored summary is compared with the one the replayed
/// machines give (`SummaryTally`); a difference is damage (`.summaryMismatch`), not divergence.
public struct Replayer {
    /// How to build a lane's machines from its recorded setup; tests inject altered cores here.
    public var makeMachines: (LaneSetup) -> LaneMachines
    /// Inputs shown before a divergence.
    public var contextCount: Int

    public init(
        makeMachines: @escaping (LaneSetup) -> LaneMachines = { $0.makeMachines() }, contextCount: Int = 10
    ) {
        precondition(contextCount >= 0, "contextCount \(contextCount)")
        self.makeMachines = makeMachines
        self.contextCount = contextCount
    }
}

extension Replayer {
    /// Replays session `id` of `reader`.
    /// - Complexity: O(size of the session, audio excluded).
    public func replay(_ reader: TraceReader, session id: Int64) throws(TraceError) -> ReplayReport {
        let events = try reader.events(session: id)
        let checkpoints = try reader.checkpoints(session: id)
        // Not needed to replay, but read (and so checked) so that replay vouches for every row the
        // session owns: an identical replay never comes from a damaged session.
        _ = try reader.marks(session: id)
        var run = ReplayRun(
            session: events.session, machines: events.session.header.lanes.map(makeMachines), checkpoints: checkpoints,
            contextCount: contextCount)
        while !run.isDone, let event = try events.next() {
            run.step(event)
        }
        try run.checkSummary()
        return run.report(chunksRead: events.chunkCount)
    }

    /// Replays every session of `reader`, in id order.
    public func replayAll(_ reader: TraceReader) throws(TraceError) -> [ReplayReport] {
        var reports: [ReplayReport] = []
        for session in try reader.sessions() {
            reports.append(try replay(reader, session: session.id))
        }
        return reports
    }
}

import VoiceCore

/// The state of one session's replay (see `Replayer`).
struct ReplayRun {
    let session: TraceSession
    var machines: [LaneMachines]
    let checkpoints: [TraceCheckpoint]
    var nextCheckpoint = 0
    /// The latest inputs, a ring of `contextCount` slots.
    var context: [RecordedEvent] = []
    var contextHead = 0
    let contextCount: Int
    var eventsReplayed: Int64 = 0
    var lastTime = Instant.zero
    var checkpointsMatched = 0
    var lastMatchingCheckpoint: TraceCheckpoint?
    var divergence: Divergence? {
        didSet { hasDiverged = divergence != nil }
    }
    /// `divergence != nil`, kept apart: the per-event checks tested the optional itself, which
    /// copied the whole `Divergence?` (a tenth of a replay's time went to such copies).
    private(set) var hasDiverged = false
    /// The latest event fed, for a final-digest divergence.
    var lastEvent: RecordedEvent?
    /// Set once a divergence's following checkpoint was compared (or could not be).
    var isDone = false
    /// What the replayed machines billed, for the summary check.
    var tally = SummaryTally()

    init(session: TraceSession, machines: [LaneMachines], checkpoints: [TraceCheckpoint], contextCount: Int) {
        self.session = session
        self.machines = machines
        self.checkpoints = checkpoints
        self.contextCount = contextCount
        context.reserveCapacity(contextCount)
    }
}

extension ReplayRun {
    /// Feeds one recorded event and compares what comes out.
    /// - Complexity: O(the machine's work for the event) + O(`contextCount`) on a divergence.
    mutating func step(_ event: RecordedEvent) {
        let lane = Int(event.input.lane)
        let output = machines[lane].apply(event.input, at: event.time)
        tally.add(output)
        eventsReplayed += 1
        lastTime = event.time
        if !hasDiverged, output != event.output {
            divergence = makeDivergence(.actions, event, actual: output)
        }
        compareCheckpoints(at: event, lane: lane, output: output)
        if !hasDiverged { lastEvent = event }
        remember(event)
    }

    private mutating func compareCheckpoints(at event: RecordedEvent, lane: Int, output: MachineOutput) {
        while nextCheckpoint < checkpoints.count, checkpoints[nextCheckpoint].eventIndex <= event.index {
            let checkpoint = checkpoints[nextCheckpoint]
            nextCheckpoint += 1
            // A checkpoint row naming an event before this one was skipped by a gap: not comparable.
            guard checkpoint.eventIndex == event.index else { continue }
            let digest = machines[lane].digest
            // The state walk costs O(state), so it runs only where the recording has a state to compare.
            let state = checkpoint.state == nil ? nil : machines[lane].stateDigest
            let comparison = Divergence.CheckpointComparison(recorded: checkpoint, replayedDigest: digest,
                                                             replayedState: state)
            if hasDiverged {
                divergence!.firstDifferingCheckpoint = comparison
                isDone = true
                return
            }
            if comparison.matches {
                checkpointsMatched += 1
                lastMatchingCheckpoint = checkpoint
            } else {
                let kind: Divergence.Kind = digest == checkpoint.digest ? .checkpointState : .checkpointDigest
                divergence = makeDivergence(kind, event, actual: output)
                divergence!.firstDifferingCheckpoint = comparison
                isDone = true
                return
            }
        }
    }

    /// Keeps `event` as context for a later divergence (never the diverging event itself).
    private mutating func remember(_ event: RecordedEvent) {
        guard contextCount > 0, !hasDiverged else { return }
        if context.count < contextCount {
            context.append(event)
        } else {
            context[contextHead] = event
            contextHead = (contextHead + 1) % contextCount
        }
    }

    private func makeDivergence(_ kind: Divergence.Kind, _ event: RecordedEvent, actual: MachineOutput) -> Divergence {
        let ordered = Array(context[contextHead...] + context[..<contextHead])
        return Divergence(
            kind: kind, session: session.id, lane: event.input.lane, eventIndex: event.index, time: event.time,
            input: event.input, expected: event.output, actual: actual, context: ordered,
            lastMatchingCheckpoint: lastMatchingCheckpoint)
    }

    /// The stored summary against what the replay computed, once every recorded event matched:
    /// then a difference is in the stored row, not in the code, so it is damage.
    func checkSummary() throws(TraceError) {
        guard let summary = session.summary, divergence == nil, eventsReplayed == session.eventCount,
            summary.finalDigest == SessionRecorder.finalDigest(of: machines)
        else { return }
        if eventsReplayed > 0, summary.ended < lastTime {
            throw .summaryMismatch(
                session: session.id, column: "ended_us", stored: "\(summary.ended.micros)",
                replayed: "an event at \(lastTime.micros)")
        }
        if let difference = tally.totals(of: machines).firstDifference(from: summary) {
            throw .summaryMismatch(
                session: session.id, column: difference.column, stored: difference.stored,
                replayed: difference.replayed)
        }
    }

    /// The report once the events ran out or the replay stopped.
    mutating func report(chunksRead: Int64) -> ReplayReport {
        let finalDigest = SessionRecorder.finalDigest(of: machines)
        let recorded = session.summary?.finalDigest
        if divergence == nil, let recorded, recorded != finalDigest, let lastEvent {
            divergence = makeDivergence(.finalDigest, lastEvent, actual: lastEvent.output)
            if divergence!.context.last == lastEvent { divergence!.context.removeLast() }
            divergence!.finalDigests = .init(recorded: recorded, replayed: finalDigest)
        }
        return ReplayReport(
            session: session.id, eventsReplayed: eventsReplayed, eventsRecorded: session.eventCount,
            chunksRead: chunksRead, checkpointsMatched: checkpointsMatched, lastTime: lastTime,
            finalDigest: finalDigest, recordedFinalDigest: recorded, recordingFinished: session.isFinished,
            divergence: divergence)
    }
}

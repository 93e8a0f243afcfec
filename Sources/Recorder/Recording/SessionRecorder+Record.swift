import VoiceCore

extension SessionRecorder {
    /// Records events handled so far; the next record gets this index.
    public var eventCount: Int64 { writer.eventCount }

    /// Records one machine input at `time` with the actions it produced and the lane's digest
    /// after it (`LaneMachines.digest`). `stateAfter` gives the lane's `LaneMachines.stateDigest`
    /// after it; it is called only for a checkpoint (every `checkpointInterval` records), since
    /// it walks the machines' state. Without it, checkpoints compare actions only.
    ///
    /// Inputs must come in the order the machines got them, times never decreasing.
    /// - Complexity: O(size of the input and actions); O(samples) more per new chunk in `.full`;
    ///   a compressed commit now and then (see `TraceWriter.Options`).
    public func record(
        input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
        stateAfter: () -> LaneStateDigest? = { nil }
    ) throws(TraceError) {
        if let error { throw error }
        do {
            try check(input, time)
            let (record, sides, audio) = encoder.encode(input, output, at: time)
            let index = writer.eventCount
            try writer.append(record: record, time: time, sides: sides, audio: audio)
            last = (index, time, Int(input.lane), digestAfter)
            if (index + 1) % checkpointInterval == 0 {
                writer.addCheckpoint(
                    TraceCheckpoint(eventIndex: index, time: time, digest: digestAfter, state: stateAfter()))
            }
        } catch {
            self.error = error
            throw error
        }
    }

    /// Marks a moment (turn start or end, interruption, reconnect, latency spike, invariant
    /// failure, …). It refers to the latest record (event index 0 before any) and is committed
    /// with the next chunk. `lane`, when given, prefixes the label ("lane 2: …").
    public func mark(kind: String, label: String, at time: Instant, lane: Int? = nil) {
        guard error == nil else { return }
        let text = lane.map { "lane \($0): \(label)" } ?? label
        writer.addMark(
            TraceMark(
                time: time, eventIndex: max(0, writer.eventCount - 1), kind: TraceMark.Kind(rawValue: kind), label: text
            ))
    }

    /// Adds the end checkpoint, commits everything and writes `summary`, ending the session.
    ///
    /// `summary.finalDigest` should be `SessionRecorder.finalDigest(of:)` of the lanes'
    /// machines, so replay can check it; `laneStates`, their final `stateDigest`s in lane order,
    /// give the end checkpoint its state.
    public func finish(_ summary: SessionSummary, laneStates: [LaneStateDigest] = []) throws(TraceError) {
        if let error { throw error }
        do {
            if let last, (last.index + 1) % checkpointInterval != 0 {
                let state = last.lane < laneStates.count ? laneStates[last.lane] : nil
                writer.addCheckpoint(
                    TraceCheckpoint(eventIndex: last.index, time: last.time, digest: last.digest, state: state))
            }
            try writer.finishSession(summary)
        } catch {
            self.error = error
            throw error
        }
    }

    /// Every lane's client and server digests folded in lane order (as `SimulationResult.digest`).
    public static func finalDigest(of lanes: [LaneMachines]) -> UInt64 {
        var fold = Digest64()
        for lane in lanes {
            fold.writeUInt64(lane.client.digest.value)
            fold.writeUInt64(lane.server.digest.value)
        }
        return fold.value
    }

    private func check(_ input: MachineInput, _ time: Instant) throws(TraceError) {
        guard Int(input.lane) < laneCount else {
            throw .unrecordable(reason: "input for lane \(input.lane) in a session of \(laneCount) lanes")
        }
        guard EventRecord.timeMicrosRange.contains(time.micros) else {
            throw .unrecordable(reason: "time \(time) is outside \(EventRecord.timeMicrosRange) µs")
        }
    }
}

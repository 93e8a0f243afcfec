import Dispatch
import Recorder
import VoiceCore

/// Where a live process records its sessions: one trace file (rotated by size), written on
/// one background queue so that compression and SQLite commits never hold up a session's
/// loop or the cooperative thread pool.
///
/// Each session gets its own `TraceWriter` on the current file (several writers may share a
/// file); all of them run on the store's serial queue, so they never wait for each other's
/// locks. Records of one session keep their order because the queue is serial.
///
/// Crash safety is the writer's: a chunk is committed every `options.chunkSpanMicrosMax` of
/// session time at the latest, so a SIGKILL loses at most the batch being filled (plus what
/// is still queued, a few milliseconds' worth).
public final class TraceStore: @unchecked Sendable {
    // `rotation` and every recording's writer are touched only on `queue`: that is what makes
    // the unchecked Sendable sound.
    let queue = DispatchQueue(label: "voicesim.trace-store")
    private var rotation: TraceRotation
    let options: TraceWriter.Options
    let audio: SessionHeader.AudioMode
    /// Told about recording failures (the session goes on unrecorded).
    let report: @Sendable (String) -> Void

    /// Live chunk bounds: a commit at least every second of session time.
    public static let liveOptions = TraceWriter.Options(
        chunkRawBytesTarget: 64 << 10, chunkAudioBytesTarget: 1 << 20, chunkSpanMicrosMax: 1_000_000,
        compressionLevel: 1, audioCompressionLevel: 1)

    public init(
        path: String, rotateBytes: Int64? = nil, audio: SessionHeader.AudioMode, options: TraceWriter.Options = liveOptions,
        report: @escaping @Sendable (String) -> Void
    ) {
        rotation = TraceRotation(basePath: path, bytesMax: rotateBytes)
        self.options = options
        self.audio = audio
        self.report = report
    }

    /// Starts recording a session; the header's `origin` should be `.live`.
    public func begin(header: SessionHeader, lanes: [LaneSetup]) -> LiveRecording {
        let recording = LiveRecording(store: self)
        queue.async {
            let path = self.rotation.pathForNewSession()
            do {
                let writer = try TraceWriter(path: path, options: self.options)
                recording.recorder = try SessionRecorder(
                    writer: writer, header: header, lanes: lanes, audio: self.audio)
                recording.path = path
            } catch {
                self.report("trace \(path): cannot start recording: \(error)")
            }
        }
        return recording
    }

    /// Waits until everything queued so far is written.
    public func drain() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            queue.async { done.resume() }
        }
    }

    /// The file new sessions go to now.
    public var currentPath: String {
        queue.sync { rotation.pathForNewSession() }
    }
}

/// One session's recording in a `TraceStore`. Calls return at once; the work is queued.
public final class LiveRecording: @unchecked Sendable {
    // Touched only on `store.queue` (see `TraceStore`).
    let store: TraceStore
    var recorder: SessionRecorder?
    var path: String?
    private var failed = false
    /// What the recorded outputs bill and count, so the stored summary is exactly what replay
    /// recomputes from the same events.
    private var tally = SummaryTally()
    /// Inputs recorded so far; touched only by the session's driver, which calls `record` in order.
    private var recorded: Int64 = 0

    init(store: TraceStore) {
        self.store = store
    }

    /// Records one input with what it produced and the lane's digest after it. `state` is read
    /// now, on the driver, when the input completes a checkpoint interval (the machines move on
    /// before the queued write runs).
    func record(input: MachineInput, output: MachineOutput, at time: Instant, digestAfter: UInt64,
                state: () -> LaneStateDigest) {
        recorded += 1
        let checkpointState = recorded % LiveRecording.checkpointInterval == 0 ? state() : nil
        store.queue.async {
            self.tally.add(output)
            guard let recorder = self.recorder, !self.failed else { return }
            do {
                try recorder.record(input: input, output: output, at: time, digestAfter: digestAfter,
                                    stateAfter: { checkpointState })
            } catch {
                self.failed = true
                self.store.report("trace \(self.path ?? "?"): recording stopped: \(error)")
            }
        }
    }

    /// Marks a moment (reconnect, limit, interruption) at `time`.
    func mark(kind: String, label: String, at time: Instant) {
        store.queue.async { self.recorder?.mark(kind: kind, label: label, at: time) }
    }

    /// Records between two checkpoints (SessionRecorder's default).
    static let checkpointInterval: Int64 = 1_000

    /// Commits everything and writes the summary, its machine-determined columns (interruptions,
    /// reconnects, lost audio, cost) tallied from the recorded outputs and `machines`, as replay
    /// will; returns the session's id and file once done.
    func finish(_ summary: SessionSummary, machines: LaneMachines) async -> (path: String, session: Int64)? {
        let states = [machines.stateDigest]
        return await withCheckedContinuation { (done: CheckedContinuation<(path: String, session: Int64)?, Never>) in
            store.queue.async {
                guard let recorder = self.recorder, let path = self.path, !self.failed else {
                    done.resume(returning: nil)
                    return
                }
                var summary = summary
                let totals = self.tally.totals(of: [machines])
                summary.interruptionCount = totals.interruptionCount
                summary.reconnectCount = totals.reconnectCount
                summary.lostAudioMillis = totals.lostAudioMillis
                summary.costUSD = totals.costUSD
                do {
                    try recorder.finish(summary, laneStates: states)
                    done.resume(returning: (path, recorder.sessionID))
                } catch {
                    self.store.report("trace \(path): cannot finish session \(recorder.sessionID): \(error)")
                    done.resume(returning: nil)
                }
                self.recorder = nil
            }
        }
    }
}

import Recorder
import VoiceCore

/// Runs one session's machine on the wall clock: the only path by which anything reaches it.
///
/// One serialized inbox (an `AsyncStream` consumed by one task, `run()`) takes every fact:
/// decoded messages, provider events, timer expiries and runtime notes. For each core input
/// the driver reads the session clock once (`SessionClock.now()`, the one clock read), applies
/// the input to the machine, queues the input with its actions for the trace, and only then
/// carries the actions out: timers here (with generations, so a cancelled or re-armed timer
/// never fires), everything else through the runtime's effect handlers. Nothing the effects do
/// can reach the machine except as a later inbox item, so a recorded live session replays
/// exactly: same inputs, same times, same actions.
///
/// The driver holds both machines of a lane but feeds only its own side; the other stays
/// fresh, which is exactly how replay rebuilds it from the trace's lane setup.
public final class SessionDriver<Runtime: DriverRuntime> {
    public let clock: SessionClock
    public let lane: UInt32
    public private(set) var machines: LaneMachines
    public let runtime: Runtime
    public let inbox: Inbox<Runtime.Note>
    let stream: AsyncStream<Envelope<Runtime.Note>>
    let recording: LiveRecording?
    private var timers = LiveTimers()
    /// Inputs handled so far.
    public private(set) var inputCount: Int64 = 0
    /// Time of the latest input.
    public private(set) var lastTime = Instant.zero
    /// Told, for each inbox item, how long it waited and took until its effects were handed
    /// off (load tests only).
    public var probe: LatencyProbe?

    public init(
        setup: LaneSetup, clock: SessionClock, runtime: Runtime, recording: LiveRecording?,
        inbox: (stream: AsyncStream<Envelope<Runtime.Note>>, inbox: Inbox<Runtime.Note>)
    ) {
        machines = setup.makeMachines()
        lane = 0
        self.clock = clock
        self.runtime = runtime
        self.recording = recording
        stream = inbox.stream
        self.inbox = inbox.inbox
    }

    /// A fresh inbox for a driver (made first, so effect handlers can hold its sending side).
    public static func makeInbox() -> (stream: AsyncStream<Envelope<Runtime.Note>>, inbox: Inbox<Runtime.Note>) {
        let (stream, continuation) = AsyncStream<Envelope<Runtime.Note>>.makeStream()
        return (stream, Inbox(continuation: continuation))
    }

    /// Consumes the inbox until the runtime says the session is over, `stop` arrives or the
    /// inbox is finished; then lets the runtime finish and cancels every timer.
    public func run() async {
        loop: for await envelope in stream {
            switch envelope.item {
            case .input(let input):
                step(input)
            case .note(let note):
                for input in runtime.translate(note, driver: self) { step(input) }
            case .timer(let timer, let generation):
                // This timer and any due before it, earliest first, each taken only when its turn
                // comes: an earlier one may cancel or re-arm a later one, which then does not fire.
                guard let limit = timers.deadline(of: timer, generation: generation) else { break }
                while let due = timers.takeEarliest(dueBy: limit) { fire(due) }
            case .stop:
                break loop
            }
            probe?.record(since: envelope.queuedAt)
            if runtime.isFinished(machines) { break }
        }
        timers.cancelAll()
        inbox.continuation.finish()
        await runtime.finish(machines, driver: self)
    }

    private func fire(_ timer: LiveTimer) {
        switch timer {
        case .server(let id): step(.server(lane: lane, .timerFired(id)))
        case .client(let id): step(.client(lane: lane, .timerFired(id)))
        case .runtime(let id): for input in runtime.runtimeTimerFired(id, driver: self) { step(input) }
        }
    }

    /// Applies one input: stamp, handle, record, then effects.
    private func step(_ input: MachineInput) {
        let now = max(clock.now(), lastTime)
        lastTime = now
        let output = machines.apply(input, at: now)
        inputCount += 1
        recording?.record(input: input, output: output, at: now, digestAfter: machines.digest,
                          state: { machines.stateDigest })
        switch output {
        case .server(let actions):
            for action in actions {
                switch action {
                case .setTimer(let id, let due): arm(.server(id), at: due)
                case .cancelTimer(let id): timers.cancel(.server(id))
                default: break
                }
            }
        case .client(let actions):
            for action in actions {
                switch action {
                case .setTimer(let id, let due): arm(.client(id), at: due)
                case .cancelTimer(let id): timers.cancel(.client(id))
                default: break
                }
            }
        }
        runtime.perform(output, at: now, driver: self)
    }

    /// Arms `timer` for `due` (session time), replacing any pending deadline of it.
    public func arm(_ timer: LiveTimer, at due: Instant) {
        let generation = timers.arm(timer, at: due)
        let deadline = clock.deadline(of: due)
        let inbox = inbox
        timers.attach(
            Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                inbox.fire(timer, generation: generation)
            }, to: timer)
    }

    /// Forgets `timer`'s pending deadline: it will not fire.
    public func cancel(_ timer: LiveTimer) { timers.cancel(timer) }

    /// Marks a moment in the trace at the latest input's time.
    public func mark(kind: String, label: String) {
        recording?.mark(kind: kind, label: label, at: lastTime)
    }

    /// The final digest of the lane, as replay computes it.
    public var finalDigest: UInt64 { SessionRecorder.finalDigest(of: [machines]) }
}

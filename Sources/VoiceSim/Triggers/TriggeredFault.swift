import VoiceCore

/// A fault that starts at an event of the run plus an offset instead of a fixed time.
///
/// `fault`'s window is relative: it starts at 0 and lasts `fault.durationMicros`. When the
/// trigger fires at time `t`, the simulator adds `fault` shifted to start at `t` to the run's
/// fault schedule, so everything that asks the schedule sees it from then on.
public struct TriggeredFault: Equatable, Sendable {
    public var trigger: EventTrigger
    public var fault: Fault

    public init(trigger: EventTrigger, fault: Fault) {
        precondition(fault.startMicros == 0, "a triggered fault's window starts at 0, not \(fault.startMicros)")
        self.trigger = trigger
        self.fault = fault
    }

    /// The fault placed on the timeline for a trigger that fired at `time`.
    public func resolved(firedAt time: Instant) -> Fault {
        var placed = fault
        placed.startMicros = time.micros
        placed.endMicros = time.micros + fault.durationMicros
        return placed
    }
}

extension TriggeredFault: CustomStringConvertible {
    /// `reset-1: connectionReset after firstTTSAudio#2+200ms for 0ms`.
    public var description: String {
        let label = fault.name.isEmpty ? "" : "\(fault.name): "
        return "\(label)\(fault.kind) after \(trigger) for \(fault.durationMicros / 1_000)ms"
    }
}

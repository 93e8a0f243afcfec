import VoiceCore

/// The effect handlers of one session: what the session driver calls for everything that is
/// not the core. It lives on the driver's loop only (never shared), so it needs no locks.
public protocol DriverRuntime: AnyObject {
    associatedtype Note: Sendable

    /// The core inputs a runtime note stands for, in order (often none).
    func translate(_ note: Note, driver: SessionDriver<Self>) -> [MachineInput]
    /// Carries out the actions of one input, other than timers (the driver keeps those).
    /// `now` is the time the input was stamped with.
    func perform(_ output: MachineOutput, at now: Instant, driver: SessionDriver<Self>)
    /// A runtime timer (`LiveTimer.runtime`) fired; returns the core inputs it stands for.
    func runtimeTimerFired(_ id: UInt8, driver: SessionDriver<Self>) -> [MachineInput]
    /// True once nothing more can happen in the session: the driver stops.
    func isFinished(_ machines: LaneMachines) -> Bool
    /// Called once when the loop ends (finished, stopped, or the inbox closed).
    func finish(_ machines: LaneMachines, driver: SessionDriver<Self>) async
}

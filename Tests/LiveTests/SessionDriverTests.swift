import Testing
import VoiceCore
import VoiceLive

@Suite("session driver")
struct SessionDriverTests {
    @Test("a cancelled or re-armed timer never fires; the others fire once, in deadline order")
    func timerGenerations() async {
        let runtime = TimerRuntime()
        let setup = LaneSetup(client: ClientConfig(), clientSeed: 1, server: ServerConfig(), serverSeed: 2)
        let driver = SessionDriver(setup: setup, clock: SessionClock(start: .now), runtime: runtime, recording: nil,
                                   inbox: SessionDriver<TimerRuntime>.makeInbox())
        driver.arm(.runtime(1), at: .millis(40))
        driver.cancel(.runtime(1))
        driver.arm(.runtime(2), at: .millis(90))
        driver.arm(.runtime(3), at: .millis(20))
        driver.arm(.runtime(3), at: .millis(60))
        await driver.run()
        #expect(runtime.fired == [3, 2])
        #expect(driver.inputCount == 0)
    }
}

/// Notes which runtime timers fired; done after two.
final class TimerRuntime: DriverRuntime {
    typealias Note = Never
    private(set) var fired: [UInt8] = []

    func translate(_ note: Never, driver: SessionDriver<TimerRuntime>) -> [MachineInput] {}

    func perform(_ output: MachineOutput, at now: Instant, driver: SessionDriver<TimerRuntime>) {}

    func runtimeTimerFired(_ id: UInt8, driver: SessionDriver<TimerRuntime>) -> [MachineInput] {
        fired.append(id)
        return []
    }

    func isFinished(_ machines: LaneMachines) -> Bool { fired.count >= 2 }

    func finish(_ machines: LaneMachines, driver: SessionDriver<TimerRuntime>) async {}
}

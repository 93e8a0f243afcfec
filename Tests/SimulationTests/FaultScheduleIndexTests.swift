import Testing
import VoiceCore

@testable import VoiceSim

/// `FaultSchedule` answers from an index of its faults (the kinds present, name-free windows);
/// these check that the index follows every way the faults change.
struct FaultScheduleIndexTests {
    @Test("A fault appended to a schedule (a trigger firing) is seen by every query of its kind")
    func appendedFaultIsSeen() {
        var schedule = FaultSchedule()
        #expect(!schedule.isPartitioned(at: .seconds(1)))
        #expect(schedule.stallEnd(at: .seconds(1)) == nil)
        schedule.faults.append(Fault(startMicros: 500_000, endMicros: 2_000_000, kind: .partition))
        schedule.faults.append(Fault(startMicros: 500_000, endMicros: 1_500_000, kind: .stall))
        schedule.faults.append(Fault(startMicros: 1_500_000, endMicros: 2_500_000, kind: .stall))
        schedule.faults.append(Fault(startMicros: 0, endMicros: 3_000_000, kind: .duplicateDown))
        #expect(schedule.isPartitioned(at: .seconds(1)))
        #expect(schedule.partitionEnd(at: .seconds(1)) == .millis(2_000))
        // Stalls chain: the first ends where the second starts.
        #expect(schedule.stallEnd(at: .seconds(1)) == .millis(2_500))
        #expect(schedule.breaksConnection(from: .millis(400), to: .millis(600)))
        #expect(schedule.duplicates(.down, at: .seconds(1)))
        #expect(!schedule.duplicates(.up, at: .seconds(1)))
    }

    @Test("Editing or removing a fault in place changes the answers with it")
    func editedFaultIsSeen() {
        var schedule = FaultSchedule([
            Fault(name: "spike", startMicros: 0, endMicros: 1_000_000, kind: .latencySpike(extraMicros: 300_000)),
            Fault(name: "late", startMicros: 0, endMicros: 1_000_000, kind: .lateDelivery(extraMicros: 40_000)),
        ])
        #expect(schedule.extraLatencyMicros(at: .millis(500)) == 300_000)
        schedule.faults[0].endMicros = 400_000
        #expect(schedule.extraLatencyMicros(at: .millis(500)) == 0)
        #expect(schedule.lateDeliveryMicros(.up, at: .millis(500)) == 40_000)
        let shrunk = schedule.removing(at: 1)
        #expect(shrunk.lateDeliveryMicros(.up, at: .millis(500)) == nil)
        #expect(shrunk.extraLatencyMicros(at: .millis(100)) == 300_000)
    }

    @Test("Schedules are equal when their faults are, however they were built")
    func equalityFollowsFaults() {
        let reorder = Fault(startMicros: 0, endMicros: 1_000_000, kind: .reorderDown(maxDelayMicros: 20_000))
        var built = FaultSchedule()
        built.faults.append(reorder)
        #expect(built == FaultSchedule([reorder]))
        #expect(built.reorderMaxMicros(.down, at: .millis(1)) == 20_000)
        #expect(built.reorderMaxMicros(.up, at: .millis(1)) == 0)
        built.faults.removeAll()
        #expect(built == FaultSchedule())
        #expect(built.reorderMaxMicros(.down, at: .millis(1)) == 0)
    }
}

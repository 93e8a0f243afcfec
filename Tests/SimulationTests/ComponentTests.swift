import Testing
import VoiceCore

@testable import VoiceSim

@Suite("Event queue, links and faults")
struct ComponentTests {
    @Test("The event queue pops by time, and by push order within a time")
    func queueOrderAndTies() {
        var queue = EventQueue<String>()
        queue.push("c@5", at: .millis(5))
        queue.push("a@1", at: .millis(1))
        queue.push("d@5", at: .millis(5))
        queue.push("b@3", at: .millis(3))
        queue.push("e@5", at: .millis(5))
        #expect(queue.count == 5)
        #expect(queue.nextTime == .millis(1))
        var popped: [String] = []
        while let next = queue.popNext() { popped.append(next.payload) }
        #expect(popped == ["a@1", "b@3", "c@5", "d@5", "e@5"])
        #expect(queue.isEmpty)
        queue.checkInvariants()
        #expect(queue.now == .millis(5))
        #expect(queue.pushedCount == 5)
    }

    @Test("Work pushed for the current instant runs after what was already due then")
    func queueSameInstantAfterPop() {
        var queue = EventQueue<Int>()
        queue.push(1, at: .millis(2))
        queue.push(2, at: .millis(2))
        #expect(queue.popNext()?.payload == 1)
        queue.push(3, at: .millis(2))
        queue.checkInvariants()
        #expect(queue.popNext()?.payload == 2)
        #expect(queue.popNext()?.payload == 3)
        #expect(queue.popNext() == nil)
    }

    @Test("Pushing an event before the current time stops the program")
    func queueRejectsThePast() async {
        await #expect(processExitsWith: .failure) {
            var queue = EventQueue<Int>()
            queue.push(1, at: .millis(5))
            _ = queue.popNext()
            queue.push(2, at: .millis(4))
        }
    }

    @Test("A link never delivers a message before one sent earlier, whatever the jitter")
    func linkInOrder() {
        let profile = LinkProfile(baseLatencyMicros: 20_000, jitter: .uniform(maxMicros: 80_000))
        var link = Link(profile: profile, prng: PRNG(seed: 7))
        var last = Instant.zero
        var sawReorderPressure = false
        for index in 0..<300 {
            let sent = Instant.millis(Int64(index))
            guard case .deliverAt(let time) = link.deliveryTime(sentAt: sent, bytes: 100, faults: .none) else {
                Issue.record("message \(index) blocked")
                return
            }
            #expect(time >= last)
            #expect(time.micros(since: sent) >= 20_000)
            if time == last { sawReorderPressure = true }
            last = time
        }
        #expect(sawReorderPressure)
    }

    @Test("Bandwidth serialises messages one after another")
    func linkBandwidth() {
        let profile = LinkProfile(baseLatencyMicros: 10_000, jitter: .none, bandwidthBytesPerSecond: 10_000)
        var link = Link(profile: profile, prng: PRNG(seed: 1))
        let first = link.deliveryTime(sentAt: .zero, bytes: 1_000, faults: .none)
        let second = link.deliveryTime(sentAt: .zero, bytes: 1_000, faults: .none)
        let third = link.deliveryTime(sentAt: .millis(500), bytes: 500, faults: .none)
        #expect(first == .deliverAt(.millis(110)))
        #expect(second == .deliverAt(.millis(210)))
        #expect(third == .deliverAt(.millis(560)))
    }

    @Test("Messages due during a stall arrive when it ends; latency spikes add delay")
    func linkStallAndSpike() {
        let faults = FaultSchedule([
            Fault(startMicros: 100_000, endMicros: 300_000, kind: .stall),
            Fault(startMicros: 250_000, endMicros: 500_000, kind: .stall),
            Fault(startMicros: 1_000_000, endMicros: 2_000_000, kind: .latencySpike(extraMicros: 700_000)),
        ])
        var link = Link(profile: LinkProfile(baseLatencyMicros: 30_000, jitter: .none), prng: PRNG(seed: 1))
        #expect(link.deliveryTime(sentAt: .millis(10), bytes: 10, faults: faults) == .deliverAt(.millis(40)))
        #expect(link.deliveryTime(sentAt: .millis(90), bytes: 10, faults: faults) == .deliverAt(.millis(500)))
        #expect(link.deliveryTime(sentAt: .millis(200), bytes: 10, faults: faults) == .deliverAt(.millis(500)))
        #expect(link.deliveryTime(sentAt: .millis(600), bytes: 10, faults: faults) == .deliverAt(.millis(630)))
        #expect(link.deliveryTime(sentAt: .millis(1_100), bytes: 10, faults: faults) == .deliverAt(.millis(1_830)))
        #expect(link.statistics.messagesStalled == 1)  // the third was held back in order, not by the stall
    }

    @Test("A partition blocks messages sent in it and messages in flight when it starts")
    func linkPartition() {
        let faults = FaultSchedule([Fault(startMicros: 1_000_000, endMicros: 3_000_000, kind: .partition)])
        var link = Link(profile: LinkProfile(baseLatencyMicros: 50_000, jitter: .none), prng: PRNG(seed: 1))
        #expect(link.deliveryTime(sentAt: .millis(900), bytes: 10, faults: faults) == .deliverAt(.millis(950)))
        #expect(link.deliveryTime(sentAt: .millis(970), bytes: 10, faults: faults) == .blocked)
        #expect(link.deliveryTime(sentAt: .millis(2_000), bytes: 10, faults: faults) == .blocked)
        #expect(link.deliveryTime(sentAt: .millis(3_000), bytes: 10, faults: faults) == .deliverAt(.millis(3_050)))
        #expect(faults.isPartitioned(at: .millis(1_000)))
        #expect(!faults.isPartitioned(at: .millis(3_000)))
        #expect(faults.partitionEnd(at: .millis(1_500)) == .millis(3_000))
    }

    @Test("Loss becomes retransmission delay, and total loss breaks the connection")
    func linkLoss() {
        let profile = LinkProfile(
            baseLatencyMicros: 10_000, jitter: .none, loss: .ppm(500_000), retransmitMicros: 200_000)
        var link = Link(profile: profile, prng: PRNG(seed: 3))
        var delayed = 0
        for index in 0..<200 {
            let sent = Instant.seconds(Int64(index) * 10)
            if case .deliverAt(let time) = link.deliveryTime(sentAt: sent, bytes: 10, faults: .none),
                time.micros(since: sent) >= 210_000
            {
                delayed += 1
            }
        }
        #expect(delayed > 60 && delayed < 140)
        #expect(link.statistics.retransmissions >= UInt64(delayed))
        let blackHole = FaultSchedule([Fault(startMicros: 0, endMicros: 1_000_000, kind: .loss(.one))])
        var lossy = Link(profile: LinkProfile(baseLatencyMicros: 10_000, jitter: .none), prng: PRNG(seed: 3))
        #expect(lossy.deliveryTime(sentAt: .millis(1), bytes: 10, faults: blackHole) == .connectionFailed)
    }

    @Test("The same seed gives the same delays")
    func linkDeterministic() {
        let profile = LinkProfile.mobile
        var first = Link(profile: profile, prng: PRNG(seed: 99))
        var second = Link(profile: profile, prng: PRNG(seed: 99))
        for index in 0..<100 {
            let sent = Instant.millis(Int64(index) * 100)
            #expect(
                first.deliveryTime(sentAt: sent, bytes: 3_200, faults: .none)
                    == second.deliveryTime(sentAt: sent, bytes: 3_200, faults: .none))
        }
    }

    @Test("Fault schedules answer queries for connection breaks, cold starts and providers")
    func faultQueries() {
        let faults = FaultSchedule([
            Fault(name: "p", startMicros: 5_000_000, endMicros: 7_000_000, kind: .partition),
            Fault(name: "r", startMicros: 2_000_000, endMicros: 2_000_000, kind: .connectionReset),
            Fault(name: "r2", startMicros: 5_000_000, endMicros: 5_000_000, kind: .connectionReset),
            Fault(name: "cold", startMicros: 0, endMicros: 1_000_000, kind: .coldStart(delayMicros: 2_500_000)),
            Fault(name: "down", startMicros: 10_000_000, endMicros: 12_000_000, kind: .providerOutage(provider: .llm)),
            Fault(
                name: "slow", startMicros: 10_000_000, endMicros: 12_000_000,
                kind: .providerSlow(provider: .tts, extraMicros: 900_000)),
            Fault(name: "loss", startMicros: 0, endMicros: 1_000_000, kind: .loss(.ppm(20_000))),
            Fault(name: "loss2", startMicros: 0, endMicros: 1_000_000, kind: .loss(.ppm(30_000))),
        ])
        #expect(faults.connectionBreaks == [.seconds(2), .seconds(5)])
        #expect(faults.breaksConnection(from: .millis(1_900), to: .millis(2_100)))
        #expect(!faults.breaksConnection(from: .millis(2_100), to: .millis(4_000)))
        #expect(faults.coldStartDelayMicros(at: .millis(500)) == 2_500_000)
        #expect(faults.coldStartDelayMicros(at: .millis(1_000)) == 0)
        #expect(faults.isDown(.llm, at: .seconds(11)))
        #expect(!faults.isDown(.stt, at: .seconds(11)))
        #expect(faults.outageStart(.llm, from: .seconds(9), to: .seconds(13)) == .seconds(10))
        #expect(faults.providerExtraMicros(.tts, at: .seconds(10)) == 900_000)
        #expect(faults.lossRatio(at: .millis(10)) == .ppm(30_000))
        #expect(faults.healedAt == .seconds(12))
        #expect(faults.removing(at: 0).count == 7)
        #expect(faults.sortedByStart.map(\.name) == ["cold", "loss", "loss2", "r", "p", "r2", "down", "slow"])
    }
}

import Testing
import VoiceCore
import VoiceSim

@Suite("Fuzzer")
struct FuzzTests {
    @Test("Swarm seeds break no invariant, oracle or liveness check")
    func swarmSeedsPass() {
        for seed in UInt64(1)...15 {
            let scenario = SwarmScenario.make(seed: seed)
            let failures = Fuzzer.check(scenario).failures
            #expect(failures == [], "seed \(seed): \(scenario.description)")
        }
    }

    /// One seed per class of failure the 20,000-seed run of 2026-12-02 found, each failing before
    /// its fix (README, "Fuzzing"): the oracle or world artifact or core defect stays fixed.
    @Test("Seeds of the 20,000-seed run's failure classes pass", arguments: [
        (UInt64(0x208), "retryBackoff: a second notice of a failed attempt counted as an attempt"),
        (0x2e1, "talkOverUser: a cough rendered over a word silenced the word"),
        (0x808, "liveness: a turn the LLM failed three times was answered by an error"),
        (0x2776, "falseInterrupt: interrupts re-sent after a resume taken as new"),
        (0x4c8b, "invariant: a queued reply's cancel discarded the reply playing"),
        (0x17b7, "invariant: audio queued behind a cancelled reply left without an active reply"),
        (0x4a1c, "replyAudioHole/historyNotHeard/billingMismatch: a late hello opened a session nobody joined"),
        (0xe23, "micLossMiscounted: audio dropped before the first session was never counted"),
    ])
    func formerFailuresPass(seed: UInt64, cause: String) {
        let scenario = SwarmScenario.make(seed: seed)
        #expect(Fuzzer.check(scenario).failures == [], "seed 0x\(String(seed, radix: 16)) (\(cause))")
    }

    @Test("A message cut off by a reset takes everything sent after it down too (found by the fuzzer)")
    func headOfLineLoss() {
        let reset = FaultSchedule([Fault(startMicros: 300_000, endMicros: 300_000, kind: .connectionReset)])
        var link = Link(profile: LinkProfile(baseLatencyMicros: 10_000, jitter: .none, loss: .one), prng: PRNG(seed: 1))
        #expect(link.deliveryTime(sentAt: .millis(100), bytes: 10, faults: .none) == .connectionFailed)
        var lossy = Link(profile: LinkProfile(baseLatencyMicros: 10_000, jitter: .none, loss: .ppm(500_000)),
                         prng: PRNG(seed: 5))
        var blockedAt: Int64?
        for millis in stride(from: Int64(0), to: 300, by: 10) {
            let delivery = lossy.deliveryTime(sentAt: .millis(millis), bytes: 10, faults: reset)
            if delivery == .blocked, blockedAt == nil { blockedAt = millis }
            if let first = blockedAt, millis > first {
                #expect(delivery == .blocked, "sent at \(millis) ms overtook the message lost at \(first) ms")
            }
        }
        #expect(blockedAt != nil, "some message must be in flight across the reset")
    }

    @Test("The same seed builds the same scenario and a different seed a different one")
    func swarmIsDeterministic() {
        #expect(SwarmScenario.make(seed: 7) == SwarmScenario.make(seed: 7))
        #expect(SwarmScenario.make(seed: 7) != SwarmScenario.make(seed: 8))
    }

    /// A partition longer than the client's whole retry budget: it gives up, so turns after
    /// the network heals go unanswered. The decoys must be shrunk away.
    static func givingUpScenario() throws -> Scenario {
        var scenario = try #require(BuiltinScenarios.named("v2-nominal"))
        scenario.durationMicros = 240_000_000
        scenario.users[0].utterances += (0..<12).map { _ in
            UserScript.Utterance("Are you still there?", start: .afterReply(pauseMicros: 1_000_000))
        }
        scenario.faults = FaultSchedule([
            Fault(name: "spike", startMicros: 5_000_000, endMicros: 8_000_000, kind: .latencySpike(extraMicros: 300_000)),
            Fault(name: "long-partition", startMicros: 20_000_000, endMicros: 140_000_000, kind: .partition),
            Fault(name: "slow-tts", startMicros: 150_000_000, endMicros: 152_000_000,
                  kind: .providerSlow(provider: .tts, extraMicros: 200_000)),
        ])
        return scenario
    }

    @Test("A client that gives up during a long partition is a liveness failure, shrunk to that partition")
    func livenessFailureShrinks() throws {
        let scenario = try FuzzTests.givingUpScenario()
        let failures = Fuzzer.check(scenario).failures
        guard let failure = failures.first, case .liveness = failure else {
            Issue.record("expected a liveness failure, got \(failures)")
            return
        }
        #expect(!failure.isSafety)
        let shrunk = Fuzzer.shrink(scenario, failure: failure)
        #expect(shrunk.faults.faults.map(\.name) == ["long-partition"])
    }
}

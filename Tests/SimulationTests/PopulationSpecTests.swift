import Foundation
import Testing
import VoiceCore
@testable import VoiceSim

@Suite("Population specs, flag, admissions and word errors")
struct PopulationSpecTests {
    @Test("The example spec parses, with its network mix, incidents, flag and limits")
    func exampleSpecParses() throws {
        let path = PopulationFixtures.packageRoot.appendingPathComponent("examples/population/rollout-10pct.yaml").path
        let spec = try PopulationSpec.load(file: path)
        #expect(spec.network.map(\.name) == ["broadband", "mobile", "flaky"])
        #expect(spec.network.map(\.weight) == [70, 25, 5])
        #expect(spec.network[1].profile == NetworkProfile(up: .mobile, down: .mobile))
        #expect(spec.network[2].incidents.map(\.kind) == [.connectionReset, .partition, .stall, .latencySpike])
        #expect(spec.providerIncidents.map(\.provider) == [.llm, .tts])
        #expect(spec.flag.v2Share == .ppm(100_000))
        #expect(spec.limits.dailyCallsMax == 500 && spec.limits.monthlySpendAlertMicroUSD == 5_000_000_000)
        #expect(spec.users.callsPerDay == .mix([.init(weight: 2499, distribution: .uniform(min: 1, max: 6)),
                                                .init(weight: 1, distribution: .uniform(min: 520, max: 700))]))
        #expect(spec.call.lengthMicros == .uniform(min: 45_000_000, max: 120_000_000))
    }

    @Test("A bad spec is refused with its file, line, field path and what was expected")
    func badSpecErrors() {
        let cases: [(String, String)] = [
            ("name: x\nnetwork:\n  - {class: a, weight: 0}\n",
             "bad.yaml:3: network[0].weight: expected a positive integer, found 0"),
            ("name: x\nusers: {count: 10, callsPerDya: 3}\n", "users.callsPerDya: unknown field \"callsPerDya\" (did you mean \"callsPerDay\"?)"),
            ("name: x\ncall: {lengthMs: {min: 9000, max: 2000}}\n", "call.lengthMs.max: must be at least min (9000)"),
            ("name: x\nnetwork:\n  - {class: a, weight: 1, link: satellite}\n",
             "network[0].link: expected one of broadband, mobile, ideal, found \"satellite\""),
            ("name: x\nproviders:\n  incidents:\n    - {kind: providerSlow, perMinutePpm: 10, durationMs: 5}\n",
             "providers.incidents[0].provider: missing required field"),
            ("name: x\nproviders:\n  incidents:\n    - {kind: stall, perMinutePpm: 10, durationMs: 5}\n",
             "providers.incidents[0].kind: provider incidents are providerOutage or providerSlow"),
            ("name: x\nflag: {v2SharePpm: 2000000}\n", "flag.v2SharePpm: expected parts per million"),
        ]
        for (text, message) in cases {
            #expect(throws: ScenarioError.self) { try PopulationSpec.parse(text, fileName: "bad.yaml") }
            do {
                _ = try PopulationSpec.parse(text, fileName: "bad.yaml")
            } catch {
                #expect(error.description.contains(message), "\(error.description)")
            }
        }
    }

    @Test("The flag is sticky per user, near its share, and raising the share only moves users to V2")
    func stickyFlag() {
        let ten = FeatureFlag(v2Share: .ppm(100_000))
        let twenty = FeatureFlag(v2Share: .ppm(200_000))
        let ids = (0..<20_000).map(UserPopulation.userID)
        let onTen = ids.filter { ten.pipeline(userID: $0) == .v2 }
        #expect(onTen.count > 1_800 && onTen.count < 2_200)
        #expect(onTen.allSatisfy { twenty.pipeline(userID: $0) == .v2 })
        #expect(ids.filter { twenty.pipeline(userID: $0) == .v2 }.count > onTen.count + 1_500)
        // Another flag name buckets the same users independently.
        let other = FeatureFlag(name: "other", v2Share: .ppm(100_000))
        #expect(onTen.filter { other.pipeline(userID: $0) == .v2 }.count < onTen.count / 4)
    }

    @Test("The session manager's daily cap and throttle decide each call of a user's day")
    func admissions() {
        var spec = PopulationFixtures.small(v2SharePpm: 0)
        // 600 calls spread over the whole day: the first 500 pass, the rest hit the cap.
        spec.users = .init(count: 1, callsPerDay: .fixed(600), activeMinutes: .fixed(1_440))
        let capped = UserPopulation.make(spec: spec, seed: 1)
        #expect(capped.count(.granted) == Int64(spec.limits.dailyCallsMax))
        #expect(capped.count(.dailyCap) == 600 - Int64(spec.limits.dailyCallsMax))
        #expect(capped.count(.throttled) == 0)
        #expect(capped.users(refused: .dailyCap) == 1)
        // 50 calls inside one minute: the throttle lets `throttleCallsMax` through.
        spec.users = .init(count: 1, callsPerDay: .fixed(50), activeMinutes: .fixed(1))
        let burst = UserPopulation.make(spec: spec, seed: 1)
        #expect(burst.count(.granted) == Int64(spec.limits.throttleCallsMax))
        #expect(burst.count(.throttled) == 50 - Int64(spec.limits.throttleCallsMax))
        // A refused call is reported, not simulated, and counts against success.
        spec.users = .init(count: 1, callsPerDay: .fixed(50), activeMinutes: .fixed(1))
        let run = PopulationRun.run(spec, calls: 4, jobs: 1)
        let refused = run.calls.filter { $0.admission == .throttled }
        let arm = run.report.arm(.v1)!
        #expect(refused.allSatisfy { $0.digest == nil && $0.turnsSpoken == 0 })
        #expect(arm.refusedThrottled == refused.count)
        #expect(arm.successAttempts == run.calls.reduce(0) { $0 + $1.turnsCounted } + refused.count)
    }

    @Test("Word errors: substitutions, insertions and deletions against what was said, ignoring case and punctuation")
    func wordErrors() {
        #expect(WordErrors(said: "Book a table for two.", heard: "book a table for two") == .init(errors: 0, referenceWords: 5))
        #expect(WordErrors(said: "Book a table for two.", heard: "book a cable for two") == .init(errors: 1, referenceWords: 5))
        #expect(WordErrors(said: "Book a table for two.", heard: "book table for two please") == .init(errors: 2, referenceWords: 5))
        #expect(WordErrors(said: "Book a table.", heard: "") == .init(errors: 3, referenceWords: 3))
        #expect(WordErrors(said: "Ça va, Zoë?", heard: "ca va zoë") == .init(errors: 1, referenceWords: 3))
    }

    @Test("Word splitting: the ASCII fast path gives what the Unicode path gives, and steps aside for other text")
    func asciiWordsMatchUnicodeWords() {
        #expect(WordErrors.asciiWords("Hello,  World!\t2nd -- OK") == ["hello", "world2nd", "ok"])
        #expect(WordErrors.asciiWords("Zoë") == nil)
        let alphabet = Array("aZ9 .,!?'-\t\n~Q0 ".unicodeScalars)
        var random = PRNG(seed: 42)
        for _ in 0..<500 {
            let length = Int(random.next() % 24)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
            let string = String(text)
            #expect(WordErrors.asciiWords(string) == WordErrors.unicodeWords(string), "\(string.debugDescription)")
        }
    }

    @Test("Distributions draw inside their bounds, and a mix follows its weights")
    func distributions() {
        var random = PRNG(seed: 7)
        let mix = IntDistribution.mix([.init(weight: 9, distribution: .uniform(min: 1, max: 5)),
                                       .init(weight: 1, distribution: .fixed(1_000))])
        let draws = (0..<10_000).map { _ in mix.sample(using: &random) }
        #expect(draws.allSatisfy { (1...5).contains($0) || $0 == 1_000 })
        let heavy = draws.filter { $0 == 1_000 }.count
        #expect(heavy > 850 && heavy < 1_150)
        #expect(mix.bounds == (min: 1, max: 1_000))
    }
}

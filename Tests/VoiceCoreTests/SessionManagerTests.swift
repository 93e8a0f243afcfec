import Testing
import VoiceCore

@Suite("Session manager and cost")
struct SessionManagerTests {
    @Test("The seed's worked example costs $0.245 for a 10-minute call")
    func seedCostExample() {
        var usage = SessionUsage(userID: "u", sessionID: 1, pipeline: .v2)
        usage.sttMicros = 600_000_000
        usage.llmOutputTokens = 5_000
        usage.ttsCharacters = 1_500
        #expect(usage.costMicroUSD() == 245_000)
        #expect(formatUSD(microUSD: usage.costMicroUSD()) == "$0.245000")
        usage.llmInputTokens = 1_000_000
        #expect(usage.costMicroUSD() == 3_245_000)
    }

    @Test("The 501st call of a day is refused, and the next day is allowed again")
    func dailyCap() {
        var manager = SessionManager(limits: SessionLimits(throttleCallsMax: 10_000))
        for index in 0..<500 {
            #expect(manager.admit(userID: "u", at: Instant(micros: Int64(index) * 1_000_000)) == .granted)
        }
        let refused = manager.admit(userID: "u", at: .seconds(600))
        #expect(refused == .refused(reason: "daily limit reached: u has started 500 calls today (limit 500); try again tomorrow"))
        #expect(manager.admit(userID: "other", at: .seconds(600)) == .granted)
        #expect(manager.admit(userID: "u", at: .seconds(86_400)) == .granted)
    }

    @Test("Bursts of calls are throttled inside the window")
    func throttling() {
        var manager = SessionManager(limits: SessionLimits(throttleCallsMax: 3, throttleWindowMicros: 60_000_000))
        for second in 0..<3 { #expect(manager.admit(userID: "u", at: .seconds(Int64(second))) == .granted) }
        guard case .refused(let reason) = manager.admit(userID: "u", at: .seconds(10)) else {
            Issue.record("fourth call in a minute was admitted")
            return
        }
        #expect(reason.hasPrefix("throttled: u started 3 calls in the last 60 s"))
        #expect(manager.admit(userID: "u", at: .seconds(61)) == .granted)
    }

    @Test("Crossing the monthly spend threshold raises one alert")
    func spendAlert() {
        var manager = SessionManager(limits: SessionLimits(monthlySpendAlertMicroUSD: 500_000))
        var usage = SessionUsage(userID: "u", sessionID: 1, pipeline: .v2)
        usage.sttMicros = 600_000_000
        usage.llmOutputTokens = 5_000
        usage.ttsCharacters = 1_500
        #expect(manager.sessionEnded(usage, at: .seconds(1)) == [])
        #expect(manager.sessionEnded(usage, at: .seconds(2)) == [])
        #expect(manager.sessionEnded(usage, at: .seconds(3))
            == [.monthlySpendAlert(month: 0, spentMicroUSD: 735_000, thresholdMicroUSD: 500_000)])
        #expect(manager.sessionEnded(usage, at: .seconds(4)) == [])
        #expect(manager.users.first?.spentMicroUSD == 980_000)
    }
}

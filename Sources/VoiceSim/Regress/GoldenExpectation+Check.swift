import Foundation
import VoiceCore

extension GoldenExpectation {
    /// Checks this expectation against a session; `sentence` names it in the result.
    public func check(_ facts: SessionFacts, sentence: String) -> ExpectationResult {
        let (passed, found, measured) = evaluate(facts)
        return ExpectationResult(sentence: sentence, expectation: self, passed: passed, found: found, measured: measured)
    }

    private func evaluate(_ facts: SessionFacts) -> (Bool, String, Int64?) {
        switch self {
        case .playbackStopsAfterOnset(let withinMicros):
            return facts.checkStopAfterOnset(withinMicros: withinMicros)
        case .bargeInStop(let bound):
            return facts.measureBargeInStops().judged(bound, unit: .millis)
        case .interruptions(let count):
            let interrupted = facts.interruptedResponses
            return (count.admits(interrupted.count), Self.counted(interrupted.count, "interruption",
                    detail: interrupted.map { "response \($0)" }), Int64(interrupted.count))
        case .historyHoldsOnlyPlayedText:
            return facts.checkHistoryHeard()
        case .noMicAudioLost:
            let audio = facts.micAudio
            let passed = audio.missing.isEmpty && audio.countedLostMicros == 0
            return (passed, "\(audio.missing.count) mic chunks never reached the server"
                    + Self.seqs(audio.missing) + ", \(audio.countedLostMicros / 1_000) ms counted lost", nil)
        case .lostAudioCounted:
            let audio = facts.micAudio
            let missingMicros = Int64(audio.missing.count) * AudioFormat.micChunkMicros
            let passed = !audio.missing.isEmpty && missingMicros == audio.countedLostMicros
            return (passed, "\(missingMicros / 1_000) ms never reached the server" + Self.seqs(audio.missing)
                    + ", \(audio.countedLostMicros / 1_000) ms counted lost", audio.countedLostMicros)
        case .lostAudio(let bound):
            return Measured(value: facts.micAudio.countedLostMicros, detail: "counted lost").judged(bound, unit: .millis)
        case .turnAnswered(let turn, let bound):
            return facts.measureTurn(turn).judged(bound, unit: .millis)
        case .everyTurnAnswered:
            return facts.checkEveryTurnAnswered()
        case .answeredOrProviderFailed(let turn):
            return facts.checkEveryTurnAnswered(acceptingProviderFailure: true, onlyTurn: turn)
        case .reconnects(let count):
            let reconnects = facts.reconnects
            return (count.admits(reconnects.count), Self.counted(reconnects.count, "reconnect",
                    detail: reconnects.map { "at \($0.start)" }), Int64(reconnects.count))
        case .longestReconnect(let bound):
            return facts.measureLongestReconnect().judged(bound, unit: .millis)
        case .unacknowledgedAudioReplayed:
            return facts.checkUnacknowledgedAudioReplayed()
        case .sttReopened:
            return facts.checkSTTReopened()
        case .refusals(let count):
            let refusals = facts.refusals
            return (count.admits(refusals.count), Self.counted(refusals.count, "refusal", detail: refusals),
                    Int64(refusals.count))
        case .latencySpikes(let count):
            let spikes = facts.marks("latency_spike")
            return (count.admits(spikes.count), Self.counted(spikes.count, "latency spike",
                    detail: spikes.map { "\($0.label) at \($0.time)" }), Int64(spikes.count))
        case .cost(let bound):
            return Measured(value: facts.costMicroUSD, detail: "cost_usd").judged(bound, unit: .dollars)
        case .noInvariantFailure:
            let failures = facts.marks("invariant_failure")
            return (failures.isEmpty, Self.counted(failures.count, "invariant failure", detail: failures.map(\.label)),
                    nil)
        }
    }

    static func counted(_ count: Int, _ noun: String, detail: [String]) -> String {
        let shown = detail.prefix(4).joined(separator: "; ") + (detail.count > 4 ? "; …" : "")
        return "\(count) \(noun)\(count == 1 ? "" : "s")" + (shown.isEmpty ? "" : " (\(shown))")
    }

    static func seqs(_ seqs: [UInt64]) -> String {
        guard let first = seqs.first, let last = seqs.last else { return "" }
        return first == last ? " (seq \(first))" : " (seqs \(first)…\(last))"
    }
}

/// A measurement, or why there is none.
struct Measured {
    enum Unit {
        case millis
        case dollars
    }

    var value: Int64?
    var detail: String

    func judged(_ bound: GoldenExpectation.Bound, unit: Unit) -> (Bool, String, Int64?) {
        guard let value else { return (false, detail, nil) }
        let shown: (Int64) -> String = { amount in
            switch unit {
            case .millis: "\(GoldenExpectation.fixed(amount, scale: 1_000)) ms"
            case .dollars: "$\(GoldenExpectation.fixed(amount, scale: 1_000_000))"
            }
        }
        var found = shown(value) + (detail.isEmpty ? "" : " (\(detail))")
        if case .pinned(let pinned, _) = bound, !bound.admits(value) {
            let change = pinned == 0 ? "" : String(format: ", %+.1f %%", Double(value - pinned) * 100 / Double(pinned))
            found += "; pinned \(shown(pinned))\(change)"
        }
        return (bound.admits(value), found, value)
    }
}

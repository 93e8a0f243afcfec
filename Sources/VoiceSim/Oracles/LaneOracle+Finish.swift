import VoiceCore

extension LaneOracle {
    /// Checks that need the whole run: mic loss, history against what was heard, billing.
    /// `server` is the lane's server at the end; its session counts when still active.
    mutating func finish(_ now: Instant, server: ServerSession, rates: CostRates) {
        closeSpeakingEpisode(clientGoneAt ?? now)
        if server.phase == .active {
            if sessions.isEmpty { sessions.append(SessionRecord()) }
            sessions[sessions.count - 1].usage = server.usage
            sessions[sessions.count - 1].assistantLines = assistantLines(server.history)
        }
        if pipeline == .v2 { checkMicLoss(now) }
        checkHistory(now)
        checkBilling(now, rates: rates)
    }

    private mutating func checkMicLoss(_ now: Instant) {
        let lost = mic.lostIndices
        let trueLossMicros = Int64(lost.count) * AudioFormat.micChunkMicros
        let countedMicros = sessions.reduce(Int64(0)) { $0 + ($1.usage?.lostAudioMicros ?? 0) }
        if countedMicros != trueLossMicros {
            let first = lost.first.map { ", first lost chunk \($0 + 1) captured at \(mic.chunks[$0].capturedAt)" } ?? ""
            report(.micLossMiscounted, now, "\(lost.count) mic chunks (\(trueLossMicros / 1_000) ms) never reached STT "
                + "but the sessions counted \(countedMicros / 1_000) ms lost\(first)")
        }
        let capacity = Int(max(1, client.replayBufferMicros / AudioFormat.micChunkMicros))
        for index in lost {
            guard let welcome = mic.lastWelcomeHolding(index, capacity: capacity) else { continue }
            if let sentAt = mic.chunks[index].lastSentAt, sentAt >= welcome.at { continue }
            report(.micAudioNotReplayed, welcome.at, "mic chunk \(index + 1) was in the \(capacity)-chunk replay window "
                + "at the welcome (\(welcome.captured) chunks captured) but was not sent again and never reached STT")
            break
        }
    }

    /// Per session: the assistant lines equal the text heard of each of its responses, up to the
    /// first response the end of the call cut off (what the user would have heard is unknown).
    private mutating func checkHistory(_ now: Instant) {
        for (ordinal, session) in sessions.enumerated() {
            guard let actual = session.assistantLines else { continue }
            var expected: [String] = []
            var complete = true
            for response in reply.responses where response.session == ordinal {
                if cutByCallEnd(response) {
                    complete = false
                    break
                }
                if let hole = response.hole {
                    report(.replyAudioHole, response.chunks[hole.playedAfter].decidedAt, "response \(response.id): chunk "
                        + "\(hole.skipped + 1) of \(response.chunks.count) was never heard but chunk \(hole.playedAfter + 1) played")
                }
                let heard = response.heardText
                if !heard.isEmpty { expected.append(heard) }
            }
            let matches = complete ? actual == expected
                : actual.count >= expected.count && Array(actual.prefix(expected.count)) == expected
            guard !matches else { continue }
            let index = (0..<min(actual.count, expected.count)).first { actual[$0] != expected[$0] } ?? min(actual.count, expected.count)
            let said = index < actual.count ? "\"\(clip(actual[index], 60))\"" : "nothing"
            let heard = index < expected.count ? "\"\(clip(expected[index], 60))\"" : "nothing"
            report(.historyNotHeard, now, "session \(ordinal + 1) history line \(index + 1) of the assistant holds \(said) "
                + "but the user heard \(heard) (\(actual.count) lines kept, \(expected.count) heard)")
        }
    }

    /// True when the end of the call (hang-up, or the client giving up) decided what the user
    /// heard of `response`: it was still on its way or playing then.
    private func cutByCallEnd(_ response: ReplyLedger.Response) -> Bool {
        let gone = clientGoneAt ?? Instant(micros: Int64.max)
        if let abandoned = response.abandonedAt, abandoned < gone { return false }
        let open = response.chunks.contains { chunk in
            switch chunk.fate {
            case .inFlight, .delivered, .playing: true
            case .played, .stopped, .lost: false
            }
        }
        return open || response.startedAt >= gone || response.chunks.contains { $0.decidedAt >= gone }
    }

    private mutating func checkBilling(_ now: Instant, rates: CostRates) {
        for (ordinal, session) in sessions.enumerated() {
            guard let usage = session.usage, let bill = provider.bill(session: ordinal) else { continue }
            var problems: [String] = []
            if usage.sttMicros != bill.sttMicros {
                problems.append("STT \(usage.sttMicros / 1_000) ms billed, providers streamed \(bill.sttMicros / 1_000) ms")
            }
            if usage.ttsCharacters != bill.ttsCharacters {
                problems.append("TTS \(usage.ttsCharacters) characters billed, providers got \(bill.ttsCharacters)")
            }
            if bill.openAttempts == 0 {
                if usage.llmOutputTokens != bill.llmOutputTokens {
                    problems.append("LLM output \(usage.llmOutputTokens) tokens billed, providers \(bill.llmOutputTokens)")
                }
                let inputGap = usage.llmInputTokens > bill.llmInputTokens
                    ? usage.llmInputTokens - bill.llmInputTokens : bill.llmInputTokens - usage.llmInputTokens
                if inputGap > bill.estimatedAttempts {
                    problems.append("LLM input \(usage.llmInputTokens) tokens billed, providers \(bill.llmInputTokens) "
                        + "(\(bill.estimatedAttempts) estimated attempts)")
                }
                let billed = rates.costMicroUSD(sttMicros: bill.sttMicros, llmInputTokens: bill.llmInputTokens,
                                                llmOutputTokens: bill.llmOutputTokens, ttsCharacters: bill.ttsCharacters)
                let costGapMax = Int64(bill.estimatedAttempts) * rates.llmInputMicroUSDPerMillionTokens / 1_000_000 + 1
                let cost = usage.costMicroUSD(rates)
                if problems.isEmpty && abs(cost - billed) > (inputGap == 0 ? 0 : costGapMax) {
                    problems.append("cost \(formatUSD(microUSD: cost)), providers' ledger \(formatUSD(microUSD: billed))")
                }
            }
            if !problems.isEmpty {
                report(.billingMismatch, now, "session \(ordinal + 1): " + problems.joined(separator: "; "))
            }
        }
    }
}

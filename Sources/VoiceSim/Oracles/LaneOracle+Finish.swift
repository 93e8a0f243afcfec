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
        checkReplies(now)
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

    /// Per session, against this ledger's count of the audio the user heard (issue 8: every
    /// reply chunk sent is played, stopped by a barge-in, or counted as dropped; history holds
    /// what the user heard). Under the README's rule a session learns what was heard of a reply
    /// from the client's first report that reaches it:
    /// - history: a reply settled by a report holds the text of the audio really heard by the
    ///   time the client reported (`Response.historyLine`); any other reply holds nothing;
    /// - dropped audio: a reply settled by a barge-in drops nothing (its rest was stopped), one
    ///   settled by a played report drops what was sent but not heard, and one never settled
    ///   by the end of its session (or given up when too many waited) drops all it sent.
    private mutating func checkReplies(_ now: Instant) {
        for (ordinal, session) in sessions.enumerated() {
            var expected: [String] = []
            var droppedMicros: Int64 = 0
            var firstDrop: (id: UInt32, micros: Int64)?
            for response in reply.responses where response.session == ordinal {
                var drop: Int64 = 0
                switch response.confirmation {
                case .bargeIn, .played:
                    let heard = response.heardAtReport ?? 0
                    let line = response.historyLine(heardMicros: heard)
                    if !line.isEmpty { expected.append(line) }
                    if response.confirmation == .played { drop = max(0, response.sentMicros / 1_000 - heard / 1_000) * 1_000 }
                case .evicted:
                    drop = response.sentMicros
                case nil:
                    drop = session.ended ? response.sentMicros : 0
                }
                droppedMicros += drop
                if drop > 0 && firstDrop == nil { firstDrop = (response.id, drop) }
            }
            if let usage = session.usage, usage.replyAudioDroppedMicros != droppedMicros {
                let first = firstDrop.map { ", first response \($0.id) (\($0.micros / 1_000) ms)" } ?? ""
                report(.replyAudioHole, now, "session \(ordinal + 1): \(droppedMicros / 1_000) ms of reply audio were sent "
                    + "but neither heard nor stopped by a barge-in\(first), the session counted "
                    + "\(usage.replyAudioDroppedMicros / 1_000) ms dropped")
            }
            guard let actual = session.assistantLines, actual != expected else { continue }
            let index = (0..<min(actual.count, expected.count)).first { actual[$0] != expected[$0] } ?? min(actual.count, expected.count)
            let said = index < actual.count ? "\"\(clip(actual[index], 60))\"" : "nothing"
            let heard = index < expected.count ? "\"\(clip(expected[index], 60))\"" : "nothing"
            report(.historyNotHeard, now, "session \(ordinal + 1) history line \(index + 1) of the assistant holds \(said) "
                + "but the user heard \(heard) (\(actual.count) lines kept, \(expected.count) heard and reported)")
        }
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

import VoiceCore

/// The measurements behind each expectation (see `GoldenExpectation`).
extension SessionFacts {
    func checkStopAfterOnset(withinMicros: Int64) -> (Bool, String, Int64?) {
        var problems: [String] = []
        var checked = 0
        var worst: Int64 = 0
        for lane in 0..<laneCount {
            let playback = playback(lane: lane)
            let speech = speech(lane: lane)
            for onset in speech.map(\.onset) {
                guard let responseID = playback.audible(at: onset) else { continue }
                checked += 1
                guard let stop = playback.stop(of: responseID), stop >= onset else {
                    problems.append("speech confirmed at \(onset) over response \(responseID), which never stopped")
                    continue
                }
                let delay = stop.micros(since: onset)
                worst = max(worst, delay)
                if delay > withinMicros {
                    problems.append("speech confirmed at \(onset), response \(responseID) stopped \(delay / 1_000) ms later")
                }
            }
            // A reply that starts while the user is already speaking is stopped at once: that
            // stop falls inside the stretch of speech rather than just after its onset.
            for stop in bargeInStops(lane: lane)
            where !speech.contains(where: { $0.onset <= stop.at && stop.at <= ($0.end ?? stop.at) }) {
                problems.append("response \(stop.responseID) stopped at \(stop.at) while the user was not speaking")
            }
        }
        if checked == 0 && problems.isEmpty { return (false, "no speech onset while a reply was audible", nil) }
        let summary = "\(checked) onset\(checked == 1 ? "" : "s") over a reply, longest wait \(worst / 1_000) ms"
        return (problems.isEmpty, problems.isEmpty ? summary : problems.prefix(3).joined(separator: "; "), worst)
    }

    /// For each utterance the simulated user started over an audible reply (a `turn_start` mark),
    /// the wait until that reply stopped; the longest.
    func measureBargeInStops() -> Measured {
        var waits: [Int64] = []
        var problems: [String] = []
        let playbacks = (0..<laneCount).map { playback(lane: $0) }
        for start in marks("turn_start") {
            for playback in playbacks {
                guard let responseID = playback.audible(at: start.time) else { continue }
                if let stop = playback.stop(of: responseID), stop >= start.time {
                    waits.append(stop.micros(since: start.time))
                } else if let end = playback.lastSound(of: responseID), end.micros(since: start.time) > 500_000 {
                    problems.append("'\(start.label)' began at \(start.time) over response \(responseID), "
                        + "which played on to \(end)")
                }
            }
        }
        if !problems.isEmpty { return Measured(value: nil, detail: problems.prefix(3).joined(separator: "; ")) }
        guard let longest = waits.max() else {
            return Measured(value: nil, detail: "no utterance started over an audible reply")
        }
        return Measured(value: longest, detail: "longest of \(waits.count) barge-in\(waits.count == 1 ? "" : "s")")
    }

    var interruptedResponses: [UInt32] {
        var seen: [UInt32] = []
        for lane in 0..<laneCount {
            for step in clientSteps(lane: lane) {
                for case .send(.interrupt(let responseID, _)) in step.actions where !seen.contains(responseID) {
                    seen.append(responseID)
                }
            }
        }
        return seen
    }

    /// Mic chunks below the highest sequence number the server received that it never got,
    /// and the lost audio the server counted.
    var micAudio: (missing: [UInt64], countedLostMicros: Int64) {
        var missing: [UInt64] = []
        for lane in 0..<laneCount {
            var received: [Bool] = [false]
            for step in serverSteps(lane: lane) {
                guard case .received(.audio(let seq, _)) = step.event, seq < 100_000_000 else { continue }
                if Int(seq) >= received.count { received += Array(repeating: false, count: Int(seq) - received.count + 1) }
                received[Int(seq)] = true
            }
            missing += received.indices.dropFirst().filter { !received[$0] }.map { UInt64($0) }
        }
        let usages = endedUsages
        let counted = usages.isEmpty
            ? (session.summary?.lostAudioMillis ?? 0) * 1_000 : usages.reduce(0) { $0 + $1.lostAudioMicros }
        return (missing, counted)
    }

    func measureTurn(_ number: Int) -> Measured {
        let turns = timeline.turns.filter { $0.lane == 0 }
        guard let turn = turns.first(where: { $0.number == number }) else {
            return Measured(value: nil, detail: "the first caller has \(turns.count) turns, no turn \(number)")
        }
        guard let micros = turn.voiceToVoiceMicros else {
            return Measured(value: nil, detail: "turn \(number) ('\(turn.text)') was never answered")
        }
        return Measured(value: micros, detail: "'\(turn.text)'")
    }

    /// Every turn (or only turn `onlyTurn` of the first caller) was answered with audio the caller
    /// heard; with `acceptingProviderFailure`, a turn without one also passes when its lane's
    /// client got a `provider_failed` error after the turn ended and before the lane's next turn
    /// ended (the server gave that turn up).
    func checkEveryTurnAnswered(acceptingProviderFailure: Bool = false, onlyTurn: Int? = nil) -> (Bool, String, Int64?) {
        let turns = timeline.turns
        guard !turns.isEmpty else { return (false, "no turns", nil) }
        let said = marks("turn_start").count
        if said > turns.count { return (false, "\(said) utterances but only \(turns.count) turns", nil) }
        var judged = turns
        if let onlyTurn {
            judged = turns.filter { $0.lane == 0 && $0.number == onlyTurn }
            if judged.isEmpty { return (false, "the first caller has no turn \(onlyTurn)", nil) }
        }
        let failures = acceptingProviderFailure ? (0..<laneCount).map { providerFailures(lane: $0) } : []
        var told: [TimelineTurn] = []
        var unanswered: [TimelineTurn] = []
        for turn in judged where turn.firstPlay == nil {
            let nextEnd = turns.first { $0.lane == turn.lane && $0.number == turn.number + 1 }?.speechEnd
            let lane = Int(turn.lane)
            let toldFailed = lane < failures.count
                && failures[lane].contains { time in time >= turn.speechEnd && nextEnd.map { time < $0 } ?? true }
            if toldFailed { told.append(turn) } else { unanswered.append(turn) }
        }
        let describe: ([TimelineTurn]) -> String = { list in
            list.prefix(3).map { "lane \($0.lane) turn \($0.number) '\($0.text)'" }.joined(separator: "; ")
        }
        guard unanswered.isEmpty else { return (false, "unanswered: " + describe(unanswered), nil) }
        let answered = judged.count - told.count
        var found: [String] = []
        if answered > 0 { found.append("\(answered) turn\(answered == 1 ? "" : "s") answered") }
        if !told.isEmpty { found.append("told the provider failed: " + describe(told)) }
        return (true, found.joined(separator: ", "), nil)
    }

    /// When the client of `lane` received a `provider_failed` error.
    func providerFailures(lane: Int) -> [Instant] {
        clientSteps(lane: lane).compactMap { step in
            guard case .received(.error(let code, _)) = step.event, code == .providerFailed else { return nil }
            return step.time
        }
    }

    /// Each time a client showed "Reconnecting…", with the `welcome` that ended it (nil: none came).
    var reconnects: [(lane: Int, start: Instant, welcome: Instant?)] {
        var found: [(lane: Int, start: Instant, welcome: Instant?)] = []
        for lane in 0..<laneCount {
            var shown: ClientState?
            var open: Int?
            for step in clientSteps(lane: lane) {
                if case .received(.welcome) = step.event, let index = open {
                    found[index].welcome = step.time
                    open = nil
                }
                for case .showState(let state) in step.actions {
                    if state == .reconnecting && shown != .reconnecting && open == nil {
                        found.append((lane, step.time, nil))
                        open = found.count - 1
                    }
                    shown = state
                }
            }
        }
        return found
    }

    func measureLongestReconnect() -> Measured {
        let all = reconnects
        guard !all.isEmpty else { return Measured(value: nil, detail: "no reconnect") }
        if let stuck = all.first(where: { $0.welcome == nil }) {
            return Measured(value: nil, detail: "the reconnect at \(stuck.start) on lane \(stuck.lane) never got a welcome")
        }
        let waits = all.map { $0.welcome!.micros(since: $0.start) }
        return Measured(value: waits.max()!, detail: "longest of \(all.count)")
    }

    func checkUnacknowledgedAudioReplayed() -> (Bool, String, Int64?) {
        var replays = 0
        var problems: [String] = []
        for lane in 0..<laneCount {
            let bufferChunks = UInt64(max(1, session.header.lanes[lane].client.replayBufferMicros / AudioFormat.micChunkMicros))
            var captured: UInt64 = 0
            var resume: (at: Instant, lastReceived: UInt64, captured: UInt64)?
            for step in clientSteps(lane: lane) {
                if case .micCaptured = step.event { captured += 1 }
                if case .received(.welcome(_, _, let lastReceived, true)) = step.event, captured > lastReceived {
                    resume = (step.time, lastReceived, captured)
                }
                guard let pending = resume else { continue }
                for case .send(.audio(let seq, _)) in step.actions {
                    let oldestKept = pending.captured > bufferChunks ? pending.captured - bufferChunks + 1 : 1
                    if seq > max(pending.lastReceived + 1, oldestKept) {
                        problems.append("resumed at \(pending.at) with seq \(pending.lastReceived) received: "
                            + "the client sent seq \(seq) first")
                    }
                    replays += 1
                    resume = nil
                    break
                }
            }
        }
        if replays == 0 && problems.isEmpty { return (false, "no resume had unacknowledged mic audio to re-send", nil) }
        return (problems.isEmpty, problems.isEmpty ? "\(replays) resume\(replays == 1 ? "" : "s") re-sent the missing chunks"
                : problems.prefix(3).joined(separator: "; "), Int64(replays))
    }

    /// Each STT stream that closed with an error is followed by a request for a new one, and
    /// the last such close by a stream that opened (retries during an outage may fail again).
    func checkSTTReopened() -> (Bool, String, Int64?) {
        var closes = 0
        var problems: [String] = []
        for lane in 0..<laneCount {
            var pendingClose: Instant?
            var reopenRequested = false
            for step in serverSteps(lane: lane) {
                if case .stt(.closed(let error)) = step.event, error != nil {
                    if let pendingClose, !reopenRequested {
                        problems.append("no new STT stream was requested after the close at \(pendingClose)")
                    }
                    pendingClose = step.time
                    reopenRequested = false
                    closes += 1
                }
                if pendingClose != nil, step.actions.contains(.stt(.open)) { reopenRequested = true }
                if pendingClose != nil, reopenRequested, case .stt(.opened) = step.event { pendingClose = nil }
            }
            if let pendingClose { problems.append("the STT stream closed at \(pendingClose) was never reopened") }
        }
        if closes == 0 { return (false, "no STT stream closed with an error", nil) }
        return (problems.isEmpty, problems.isEmpty ? "\(closes) STT close\(closes == 1 ? "" : "s") with an error, "
                + "the stream reopened after the last" : problems.prefix(3).joined(separator: "; "), Int64(closes))
    }

    /// The reasons of every call the session manager refused.
    var refusals: [String] {
        events.compactMap { event in
            guard case .server(_, .admission(.refused(let reason))) = event.input else { return nil }
            return reason
        }
    }

    var costMicroUSD: Int64? {
        let usages = endedUsages
        if !usages.isEmpty { return usages.reduce(0) { $0 + $1.costMicroUSD() } }
        return session.summary.map { Int64(($0.costUSD * 1_000_000).rounded()) }
    }
}

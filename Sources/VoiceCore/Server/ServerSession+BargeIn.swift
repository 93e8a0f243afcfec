// Barge-in and played reports: the client says how much of each reply the user heard, and
// only that text enters the conversation history.

extension ServerSession {
    /// Barge-in: the user spoke over `responseID` after `playedMillis` of it played.
    mutating func interrupt(_ responseID: UInt32, _ playedMillis: UInt32, _ now: Instant,
                            _ actions: inout [ServerAction]) {
        guard isActive else { return }
        if let current = response, current.id == responseID {
            usage.interruptions += 1
            usage.turns += 1
            cancelResponse(current, bargeIn: true, &actions)
            confirm(responseID, playedMillis: playedMillis, bargeIn: true)
        } else if let reply = call.unconfirmed.first(where: { $0.id == responseID }) {
            usage.interruptions += 1
            // A reply the server cancelled (superseded, TTS failed) was not yet counted as a turn.
            if !reply.completed { usage.turns += 1 }
            confirm(responseID, playedMillis: playedMillis, bargeIn: true)
        }
    }

    /// Playback of `responseID` ended at the client without a barge-in after `playedMillis`.
    mutating func played(_ responseID: UInt32, _ playedMillis: UInt32, _ now: Instant,
                         _ actions: inout [ServerAction]) {
        guard isActive else { return }
        if let current = response, current.id == responseID {
            // The client will play no more of it (it hung up, or its audio stopped coming).
            cancelResponse(current, &actions)
        }
        confirm(responseID, playedMillis: playedMillis, bargeIn: false)
    }

    /// Keeps a reply whose audio went out until the client reports how much it played; its
    /// history line stays empty until then, so unheard text never reaches the LLM.
    mutating func awaitReport(_ current: Response, completed: Bool) {
        appendHistory(ConversationTurn(role: .assistant, text: ""))
        call.unconfirmed.append(SentReply(id: current.id, text: current.text, alignment: current.alignment.points,
                                          sentMicros: current.audioMicros, completed: completed,
                                          historyIndex: history.count - 1))
        if call.unconfirmed.count > config.unconfirmedRepliesMax {
            let oldest = call.unconfirmed.removeFirst()
            usage.replyAudioDroppedMicros += oldest.sentMicros
        }
    }

    /// Writes what the user heard of `responseID` into its history line. Audio sent but not
    /// played counts as dropped, unless a barge-in stopped it.
    private mutating func confirm(_ responseID: UInt32, playedMillis: UInt32, bargeIn: Bool) {
        guard let index = call.unconfirmed.firstIndex(where: { $0.id == responseID }) else { return }
        let reply = call.unconfirmed.remove(at: index)
        let sentMillis = reply.sentMicros / 1_000
        let heardAll = (reply.completed && Int64(playedMillis) >= sentMillis)
            || config.plantedBugs.contains(.historyKeepsUnplayedText)
        history[reply.historyIndex].text = heardAll
            ? reply.text : spokenText(reply.text, reply.alignment, playedMillis: playedMillis)
        if !bargeIn && !config.plantedBugs.contains(.unplayedReplyNotCounted) { usage.replyAudioDroppedMicros += max(0, sentMillis - Int64(playedMillis)) * 1_000 }
    }

    /// Replies never confirmed when the session ends: nobody is known to have heard them.
    mutating func dropUnconfirmed() {
        for reply in call.unconfirmed { usage.replyAudioDroppedMicros += reply.sentMicros }
        call.unconfirmed = []
        if let response { usage.replyAudioDroppedMicros += response.audioMicros }
    }

    /// The prefix of `text` whose audio finished playing within `playedMillis`, cut at a word
    /// boundary. Compared in whole milliseconds, the resolution of the client's report.
    func spokenText(_ text: String, _ alignment: [AlignmentPoint], playedMillis: UInt32) -> String {
        var end = 0
        for point in alignment where point.audioEndMicros / 1_000 <= Int64(playedMillis) { end = Int(point.textEnd) }
        let bytes = Array(text.utf8)
        end = min(end, bytes.count)
        if end < bytes.count && bytes[end] != 32 {
            while end > 0 && bytes[end - 1] != 32 { end -= 1 }
        }
        var prefix = bytes[..<end]
        while let last = prefix.last, last == 32 { prefix = prefix.dropLast() }
        while let first = prefix.first, first == 32 { prefix = prefix.dropFirst() }
        return String(decoding: prefix, as: UTF8.self)
    }
}

import VoiceCore

/// "History holds only played text": the assistant lines the server sends to the LLM against
/// what the user heard of each reply.
extension SessionFacts {
    /// A reply as the server built it: the text sent to TTS and, per TTS audio chunk in order,
    /// its duration and how much of the text it finished speaking (alignment).
    struct ReplyText {
        var text = ""
        var audio: [(micros: Int64, textEnd: UInt32)] = []

        /// Bytes of the text whose audio had started by `heardMicros`: an upper bound of what
        /// the user can have heard.
        func startedBytes(heardMicros: Int64) -> Int {
            guard heardMicros > 0 else { return 0 }
            var elapsed: Int64 = 0
            for chunk in audio {
                elapsed += chunk.micros
                if elapsed >= heardMicros { return Int(chunk.textEnd) }
            }
            return audio.last.map { Int($0.textEnd) } ?? 0
        }
    }

    func replies(lane: Int) -> [UInt32: ReplyText] {
        var replies: [UInt32: ReplyText] = [:]
        for step in serverSteps(lane: lane) {
            if case .tts(.audio(let responseID, let chunk, let textEnd)) = step.event {
                replies[responseID, default: ReplyText()].audio.append((chunk.durationMicros, textEnd))
            }
            for action in step.actions {
                switch action {
                case .tts(.text(let responseID, let text)): replies[responseID, default: ReplyText()].text += text
                case .tts(.synthesize(let responseID, let text)): replies[responseID, default: ReplyText()].text = text
                default: break
                }
            }
        }
        return replies
    }

    func checkHistoryHeard() -> (Bool, String, Int64?) {
        var problems: [String] = []
        var checked = 0
        for lane in 0..<laneCount {
            let replies = replies(lane: lane)
            let playback = playback(lane: lane)
            var lines: [String] = []
            for step in serverSteps(lane: lane) {
                for case .llm(.start(_, let history, _)) in step.actions {
                    for turn in history where turn.role == .assistant && !turn.text.isEmpty && !lines.contains(turn.text) {
                        lines.append(turn.text)
                    }
                }
            }
            for line in lines {
                checked += 1
                let sources = replies.filter { $0.value.text.utf8.starts(with: line.utf8) }
                guard !sources.isEmpty else {
                    problems.append("history line '\(Self.short(line))' is not the start of any reply")
                    continue
                }
                let heard = sources.contains { responseID, reply in
                    line.utf8.count <= reply.startedBytes(heardMicros: playback.heardMicros(of: responseID))
                }
                if !heard, let (responseID, reply) = sources.min(by: { $0.key < $1.key }) {
                    let heardMicros = playback.heardMicros(of: responseID)
                    let bound = reply.startedBytes(heardMicros: heardMicros)
                    problems.append("history keeps \(line.utf8.count) bytes of response \(responseID) ('\(Self.short(line))') "
                        + "but only \(heardMicros / 1_000) ms played, covering \(bound) bytes "
                        + "('\(Self.short(String(decoding: reply.text.utf8.prefix(bound), as: UTF8.self)))')")
                }
            }
        }
        if checked == 0 { return (false, "no assistant line reached a later LLM request", nil) }
        return (problems.isEmpty, problems.isEmpty ? "\(checked) assistant lines, each within what was played"
                : problems.prefix(2).joined(separator: "; "), nil)
    }

    static func short(_ text: String) -> String { text.count > 48 ? text.prefix(45) + "…" : text }
}

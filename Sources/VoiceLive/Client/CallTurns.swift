import VoiceCore

/// Builds the turn table from what the client saw: each final transcript opens a turn, the
/// next new response that plays answers it.
struct CallTurns {
    var said: [String] = []
    private(set) var turns: [CallTurn] = []
    private var voiceToVoiceUsed = 0
    /// The chunk playing now: its turn and when it ends.
    private var playingChunk: (turn: Int, endMicros: Int64)?
    /// Each response's text so far, from the server's captions (looked up, never iterated).
    private var answers: [UInt32: String] = [:]

    /// The turns with their answers' text.
    var reported: [CallTurn] {
        turns.map { turn in
            var turn = turn
            turn.answer = turn.responseID.flatMap { answers[$0] }.map(CallTurns.trimmed)
            return turn
        }
    }

    /// `text` without leading or trailing spaces and newlines (tokens carry their own spacing).
    static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" }
        return String(text.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    mutating func caption(_ caption: AnswerCaption) {
        answers[caption.responseID, default: ""] += caption.text
    }

    mutating func heard(_ text: String) {
        let index = turns.count
        turns.append(CallTurn(said: index < said.count ? said[index] : nil, heard: text))
    }

    mutating func played(_ responseID: UInt32, micros: Int64, voiceToVoice: [Int64], at now: Instant = .zero) {
        var index = turns.lastIndex { $0.responseID == responseID }
        if index == nil, let open = turns.firstIndex(where: { $0.responseID == nil }) {
            turns[open].responseID = responseID
            index = open
        }
        if voiceToVoice.count > voiceToVoiceUsed, let index, turns[index].voiceToVoiceMillis == nil {
            turns[index].voiceToVoiceMillis = voiceToVoice[voiceToVoice.count - 1] / 1_000
            voiceToVoiceUsed = voiceToVoice.count
        }
        guard let index else { return }
        turns[index].playedMillis += micros / 1_000
        playingChunk = (index, now.micros + micros)
    }

    mutating func stopped(at now: Instant) {
        guard let chunk = playingChunk else { return }
        turns[chunk.turn].playedMillis -= max(0, chunk.endMicros - now.micros) / 1_000
        playingChunk = nil
    }

    mutating func interrupted(_ responseID: UInt32) {
        for index in turns.indices where turns[index].responseID == responseID { turns[index].interrupted = true }
    }
}

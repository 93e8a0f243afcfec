import VoiceCore

/// Measures `FidelityComponent`s from one call's session-server steps, in order: the same
/// code for a simulated lane (from the simulation's observer) and a live session (from its
/// server trace), so a difference between them is a difference of behaviour.
package struct FidelityLaneMeter {
    /// The VAD threshold that makes a 20 ms frame voiced (the client's, so both agree).
    package let thresholdEnergy: UInt32
    package private(set) var samples: [FidelityComponent: [Int64]] = [:]
    /// Final transcripts with words.
    package private(set) var finals = 0
    /// Highest mic chunk seen: a replayed or duplicated chunk is not new speech.
    private var highestSeq: UInt64 = 0
    /// Server-side end of the latest voiced audio.
    private var speechEnd: Instant?
    /// Speech end of the turn whose final came and whose first reply audio has not gone out.
    private var answering: Instant?
    private var lastLLMStart: Instant?
    private var llmStarts: [UInt32: Instant] = [:]
    private var llmTokened: Set<UInt32> = []
    private var ttsFirstText: [UInt32: Instant] = [:]
    private var ttsAudible: Set<UInt32> = []

    package init(thresholdEnergy: UInt32) {
        // Kept like energies, as `EnergyVAD` compares them.
        self.thresholdEnergy = AudioChunk.keptPrecision(thresholdEnergy)
    }
}

extension FidelityLaneMeter {
    /// One server step: what it was told at `time` and what it did.
    package mutating func record(_ event: ServerEvent, actions: [ServerAction], at time: Instant) {
        switch event {
        case .received(.audio(let seq, let chunk)) where seq > highestSeq:
            highestSeq = seq
            if let last = chunk.frameEnergies.lastIndex(where: { $0 >= thresholdEnergy }) {
                let framesAfter = Int64(chunk.frameEnergies.count - 1 - last)
                speechEnd = Instant(micros: time.micros - framesAfter * AudioFormat.frameMicros)
            }
        case .stt(.final(let text)) where !text.isEmpty:
            finals += 1
            if let end = speechEnd {
                add(.sttFinal, time.micros(since: end))
                let startsNow = actions.contains { if case .llm(.start) = $0 { true } else { false } }
                if startsNow {
                    add(.llmStart, time.micros(since: end))
                } else if let start = lastLLMStart, start >= end {
                    add(.llmStart, start.micros(since: end))
                }
                answering = end
            }
        case .llm(.token(let id, _)):
            if let start = llmStarts[id], llmTokened.insert(id).inserted {
                add(.llmFirstToken, time.micros(since: start))
            }
        case .tts(.audio(let id, _, _)):
            if let start = ttsFirstText[id], ttsAudible.insert(id).inserted {
                add(.ttsFirstAudio, time.micros(since: start))
            }
        default:
            break
        }
        for action in actions {
            switch action {
            case .llm(.start(let id, _, _)):
                llmStarts[id] = time
                lastLLMStart = time
            case .tts(.text(let id, _)):
                if ttsFirstText[id] == nil { ttsFirstText[id] = time }
            case .send(.responseAudio):
                if let end = answering {
                    add(.firstReplyAudio, time.micros(since: end))
                    answering = nil
                }
            default:
                break
            }
        }
    }

    private mutating func add(_ component: FidelityComponent, _ micros: Int64) {
        samples[component, default: []].append(micros)
    }
}

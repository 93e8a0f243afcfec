import Recorder
import VoiceCore

/// Provider timings measured from a session's server inputs and commands.
struct ProviderTimings {
    /// LLM request → first token, per request.
    var firstTokenMicros: [Int64] = []
    /// When each request with a first token started, in the order of `firstTokenMicros`.
    var firstTokenStarts: [Instant] = []
    /// Tokens per second after the first token, per completed request.
    var tokensPerSecond: [Int64] = []
    /// Output tokens per completed request.
    var outputTokens: [Int] = []
    /// First text sent to TTS → first audio, per response.
    var ttsFirstAudioMicros: [Int64] = []
    /// STT end of speech → final transcript.
    var sttFinalDelayMicros: [Int64] = []

    init(events: [RecordedEvent]) {
        var llmStart: [UInt32: Instant] = [:]
        var firstToken: [UInt32: Instant] = [:]
        var tokens: [UInt32: Int64] = [:]
        var ttsText: [UInt32: Instant] = [:]
        var ttsAudio: Set<UInt32> = []
        var speechEnded: Instant?
        for event in events {
            guard case .server(_, let input) = event.input, case .server(let actions) = event.output else { continue }
            let now = event.time
            switch input {
            case .llm(.token(let id, _)):
                tokens[id, default: 0] += 1
                if firstToken[id] == nil, let start = llmStart[id] {
                    firstToken[id] = now
                    firstTokenMicros.append(now.micros(since: start))
                    firstTokenStarts.append(start)
                }
            case .llm(.done(let id, _, let output)):
                if let first = firstToken[id], let count = tokens[id], count > 1, now > first {
                    tokensPerSecond.append((count - 1) * 1_000_000 / now.micros(since: first))
                    outputTokens.append(Int(output))
                }
            case .tts(.audio(let id, _, _)):
                if ttsAudio.insert(id).inserted, let start = ttsText[id] { ttsFirstAudioMicros.append(now.micros(since: start)) }
            case .stt(.speechEnded):
                speechEnded = now
            case .stt(.final):
                if let ended = speechEnded { sttFinalDelayMicros.append(now.micros(since: ended)) }
                speechEnded = nil
            default:
                break
            }
            for action in actions {
                switch action {
                case .llm(.start(let id, _, _)): llmStart[id] = now
                case .tts(.text(let id, _)), .tts(.synthesize(let id, _)): if ttsText[id] == nil { ttsText[id] = now }
                default: break
                }
            }
        }
    }

    /// A first token this much later than the median is a slow provider, not its usual spread.
    static let slowExtraMicros: Int64 = 500_000

    /// Requests whose first token came `slowExtraMicros` past the median, as `providerSlow`
    /// windows around their start; the profile is measured without them.
    var slowLLMFaults: [Fault] {
        guard !firstTokenMicros.isEmpty else { return [] }
        let median = firstTokenMicros.sorted()[firstTokenMicros.count / 2]
        return zip(firstTokenStarts, firstTokenMicros).enumerated().compactMap { index, pair in
            let (start, micros) = pair
            guard micros > median + Self.slowExtraMicros else { return nil }
            let at = start.micros / 1_000 * 1_000
            return Fault(name: "llm-slow-\(index + 1)", startMicros: max(0, at - 50_000), endMicros: at + 50_000,
                         kind: .providerSlow(provider: .llm, extraMicros: (micros - median) / 1_000 * 1_000))
        }
    }

    /// `defaults` with every measured timing replaced by its measurement.
    func profiles(defaults: ProviderProfiles) -> ProviderProfiles {
        var profiles = defaults
        let median = firstTokenMicros.sorted().dropFirst(firstTokenMicros.count / 2).first ?? 0
        if let latency = Self.distribution(firstTokenMicros.filter { $0 <= median + Self.slowExtraMicros }) {
            profiles.llm.timeToFirstToken = latency
        }
        if let low = tokensPerSecond.min(), let high = tokensPerSecond.max(), low > 0 {
            profiles.llm.tokensPerSecondMin = low
            profiles.llm.tokensPerSecondMax = high
        }
        if let low = outputTokens.min(), let high = outputTokens.max(), low > 0 {
            profiles.llm.replyWordsMin = low
            profiles.llm.replyWordsMax = high
        }
        if let latency = Self.distribution(ttsFirstAudioMicros) { profiles.tts.firstAudio = latency }
        if let latency = Self.distribution(sttFinalDelayMicros) { profiles.stt.finalDelay = latency }
        return profiles
    }

    /// Mean and half the spread, whole milliseconds (as a scenario file stores them).
    static func distribution(_ samples: [Int64]) -> LatencyDistribution? {
        guard let low = samples.min(), let high = samples.max() else { return nil }
        let mean = samples.reduce(0, +) / Int64(samples.count) / 1_000 * 1_000
        let jitter = min(mean, (high - low) / 2 / 1_000 * 1_000)
        return LatencyDistribution(meanMicros: mean, jitterMicros: jitter)
    }
}

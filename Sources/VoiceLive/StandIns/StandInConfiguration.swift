import VoiceSim

/// How the local provider stand-ins behave: where they listen, their seed, the simulator's
/// provider profiles for latency, and the faults to inject.
public struct StandInConfiguration: Equatable, Sendable {
    /// Every random choice (latencies, reply text, voices, request ids) derives from it.
    public var seed: UInt64
    public var host: String
    /// Deepgram on `portBase`, Anthropic on `portBase + 1`, ElevenLabs on `portBase + 2`;
    /// nil: three ephemeral ports.
    public var portBase: Int?
    public var profiles: ProviderProfiles
    public var stt: STTStandInFaults
    public var llm: LLMStandInFaults
    public var tts: TTSStandInFaults
    /// Largest WebSocket frame accepted (1 MiB, as the core's `WireFrame`).
    public var maxFrameBytes: Int
    /// Real speech: the STT hears with pocketsphinx and the TTS speaks with espeak-ng
    /// (`--stand-ins speech`); false: the energy endpointer and the simulator's voice.
    public var speech = false

    public init(
        seed: UInt64 = 1, host: String = "127.0.0.1", portBase: Int? = nil, profiles: ProviderProfiles = ProviderProfiles(),
        stt: STTStandInFaults = STTStandInFaults(), llm: LLMStandInFaults = LLMStandInFaults(),
        tts: TTSStandInFaults = TTSStandInFaults(), maxFrameBytes: Int = 1 << 20
    ) {
        self.seed = seed
        self.host = host
        self.portBase = portBase
        self.profiles = profiles
        self.stt = stt
        self.llm = llm
        self.tts = tts
        self.maxFrameBytes = maxFrameBytes
    }
}

/// Faults of the Deepgram stand-in. Streams are numbered from 1 in the order they open.
public struct STTStandInFaults: Equatable, Sendable {
    /// Close stream `stream` with 1011 once it has received `afterAudioMillis` of audio.
    public var closeWith1011: [(stream: Int, afterAudioMillis: Int)]
    /// A stream that receives neither audio nor KeepAlive for this long is closed with 1011
    /// and NET-0001, as Deepgram does after 10 s (the STT profile's idle timeout by default).
    public var idleTimeoutMillis: Int?

    public init(closeWith1011: [(stream: Int, afterAudioMillis: Int)] = [], idleTimeoutMillis: Int? = nil) {
        self.closeWith1011 = closeWith1011
        self.idleTimeoutMillis = idleTimeoutMillis
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.idleTimeoutMillis == rhs.idleTimeoutMillis
            && lhs.closeWith1011.map(\.stream) == rhs.closeWith1011.map(\.stream)
            && lhs.closeWith1011.map(\.afterAudioMillis) == rhs.closeWith1011.map(\.afterAudioMillis)
    }
}

/// Faults of the Anthropic stand-in. Requests are numbered from 1 in the order they arrive.
public struct LLMStandInFaults: Equatable, Sendable {
    /// The first this many requests are refused with HTTP 529 `overloaded_error`.
    public var overloadFirstRequests: Int
    /// These requests are refused with HTTP 529.
    public var overloadedRequests: [Int]
    /// These requests are refused with HTTP 429 `rate_limit_error`.
    public var rateLimitedRequests: [Int]
    /// These requests send an `error` event (`overloaded_error`) after `afterTokens` tokens,
    /// inside their 200 response, and end.
    public var errorMidStream: [(request: Int, afterTokens: Int)]

    public init(
        overloadFirstRequests: Int = 0, overloadedRequests: [Int] = [], rateLimitedRequests: [Int] = [],
        errorMidStream: [(request: Int, afterTokens: Int)] = []
    ) {
        self.overloadFirstRequests = overloadFirstRequests
        self.overloadedRequests = overloadedRequests
        self.rateLimitedRequests = rateLimitedRequests
        self.errorMidStream = errorMidStream
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.overloadFirstRequests == rhs.overloadFirstRequests && lhs.overloadedRequests == rhs.overloadedRequests
            && lhs.rateLimitedRequests == rhs.rateLimitedRequests
            && lhs.errorMidStream.map(\.request) == rhs.errorMidStream.map(\.request)
            && lhs.errorMidStream.map(\.afterTokens) == rhs.errorMidStream.map(\.afterTokens)
    }

    /// The HTTP status refusing request `request`, if any.
    func refusal(_ request: Int) -> Int? {
        if request <= overloadFirstRequests || overloadedRequests.contains(request) { return 529 }
        if rateLimitedRequests.contains(request) { return 429 }
        return nil
    }
}

/// Faults of the ElevenLabs stand-in. Streams are numbered from 1 in the order they open.
public struct TTSStandInFaults: Equatable, Sendable {
    /// Close stream `stream` with 1011 after it has sent `afterAudioMessages` audio messages.
    public var closeWith1011: [(stream: Int, afterAudioMessages: Int)]
    /// Stream `stream` sends an error message after `afterAudioMessages` audio messages, then closes.
    public var errorMidStream: [(stream: Int, afterAudioMessages: Int)]

    public init(
        closeWith1011: [(stream: Int, afterAudioMessages: Int)] = [],
        errorMidStream: [(stream: Int, afterAudioMessages: Int)] = []
    ) {
        self.closeWith1011 = closeWith1011
        self.errorMidStream = errorMidStream
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.closeWith1011.map(\.stream) == rhs.closeWith1011.map(\.stream)
            && lhs.closeWith1011.map(\.afterAudioMessages) == rhs.closeWith1011.map(\.afterAudioMessages)
            && lhs.errorMidStream.map(\.stream) == rhs.errorMidStream.map(\.stream)
            && lhs.errorMidStream.map(\.afterAudioMessages) == rhs.errorMidStream.map(\.afterAudioMessages)
    }
}

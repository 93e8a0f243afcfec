/// The URL of an ElevenLabs stream-input synthesis: voice, model and output format.
public struct ElevenLabsStreamOptions: Equatable, Sendable {
    public var voiceID: String
    public var modelID: String
    /// Only `pcm_16000` is what the core plays; the stand-in refuses anything else.
    public var outputFormat: String
    /// Seconds without text before ElevenLabs closes the stream.
    public var inactivityTimeoutSeconds: Int

    public init(
        voiceID: String = "21m00Tcm4TlvDq8ikWAM", modelID: String = "eleven_flash_v2_5",
        outputFormat: String = ElevenLabsStreamOptions.pcm16000, inactivityTimeoutSeconds: Int = 20
    ) {
        self.voiceID = voiceID
        self.modelID = modelID
        self.outputFormat = outputFormat
        self.inactivityTimeoutSeconds = inactivityTimeoutSeconds
    }
}

extension ElevenLabsStreamOptions {
    public static let pcm16000 = "pcm_16000"
    static let pathPrefix = "/v1/text-to-speech/"
    static let pathSuffix = "/stream-input"
    /// The authentication header's name.
    public static let apiKeyHeader = "xi-api-key"

    public var path: String { ElevenLabsStreamOptions.pathPrefix + URLQuery.escape(voiceID) + ElevenLabsStreamOptions.pathSuffix }

    public var query: URLQuery {
        URLQuery([
            ("model_id", modelID), ("output_format", outputFormat),
            ("inactivity_timeout", String(inactivityTimeoutSeconds)),
        ])
    }

    /// `base` (e.g. `wss://api.elevenlabs.io`) plus path and query.
    public func url(base: String) -> String { base.trimmingSuffix("/") + path + "?" + query.encoded }

    /// Reads a request's path and query as ElevenLabs would.
    public init(path: String, query: URLQuery) throws(ProviderWireError) {
        guard path.hasPrefix(ElevenLabsStreamOptions.pathPrefix), path.hasSuffix(ElevenLabsStreamOptions.pathSuffix),
            path.count > ElevenLabsStreamOptions.pathPrefix.count + ElevenLabsStreamOptions.pathSuffix.count
        else { throw ProviderWireError(.elevenlabs, "path `\(path)` is not /v1/text-to-speech/{voice_id}/stream-input") }
        let voice = path.dropFirst(ElevenLabsStreamOptions.pathPrefix.count).dropLast(ElevenLabsStreamOptions.pathSuffix.count)
        self.init(voiceID: try URLQuery.unescape(voice, provider: .elevenlabs))
        modelID = query.value("model_id") ?? modelID
        // ElevenLabs' own default is mp3; the core plays only PCM.
        outputFormat = query.value("output_format") ?? "mp3_44100_128"
        if let timeout = query.value("inactivity_timeout") {
            guard let seconds = Int(timeout), seconds > 0 else {
                throw ProviderWireError(.elevenlabs, "query inactivity_timeout=\(timeout): not a positive integer")
            }
            inactivityTimeoutSeconds = seconds
        }
    }
}

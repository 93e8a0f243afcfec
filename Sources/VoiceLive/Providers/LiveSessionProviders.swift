import AsyncHTTPClient
import Logging
import ProviderWire
import VoiceCore

/// One session's three provider connections over the real protocols.
final class LiveSessionProviders: SessionProviders {
    private let gate: EventGate
    private let stt: DeepgramSTT
    private let llm: AnthropicLLM
    private let tts: ElevenLabsTTS

    init(endpoints: ProviderEndpoints, settings: ProviderSettings, sessionLabel: String, hints: SessionHints,
         client: HTTPClient, sink: @escaping ProviderEventSink, requestIDs: @escaping ProviderRequestIDSink,
         logger: Logger) {
        var logger = logger
        logger[metadataKey: "session"] = "\(sessionLabel)"
        gate = EventGate(sink: sink, requestIDs: requestIDs)
        stt = DeepgramSTT(
            endpoint: endpoints.deepgram,
            options: settings.deepgramOptions(keyterms: hints.expectedPhrases, tag: sessionLabel),
            maxFrameBytes: settings.maxFrameBytes, gate: gate, logger: logger)
        llm = AnthropicLLM(endpoint: endpoints.anthropic, settings: settings, client: client, gate: gate, logger: logger)
        tts = ElevenLabsTTS(
            endpoint: endpoints.elevenLabs,
            options: ElevenLabsStreamOptions(voiceID: settings.elevenLabsVoiceID, modelID: settings.elevenLabsModelID),
            maxFrameBytes: settings.maxFrameBytes, gate: gate, logger: logger)
    }

    func submit(_ command: ProviderCommand) {
        switch command {
        case .stt(let command): stt.handle(command)
        case .llm(let command): llm.handle(command)
        case .tts(let command): tts.handle(command)
        }
    }

    func shutdown() async {
        gate.close()
        await stt.shutdown()
        await llm.shutdown()
        await tts.shutdown()
    }
}

import VoiceCore

/// One provider command of the core, in the order the session emitted it.
public enum ProviderCommand: Sendable, Equatable {
    case stt(STTCommand)
    case llm(LLMCommand)
    case tts(TTSCommand)
}

/// Where providers report: the session driver's inbox. The driver stamps the time and
/// records the event when it takes it out, so providers never read a clock for the core.
public typealias ProviderEventSink = @Sendable (ServerEvent) -> Void

/// One session's connections to speech-to-text, the LLM and text-to-speech.
///
/// The session driver submits the core's provider commands in order; `submit` never blocks
/// (an adapter queues the command for its own task). Everything the providers say comes back
/// through the sink given to `ProviderFactory.makeProviders`, as `.stt`, `.llm` or `.tts`.
public protocol SessionProviders: AnyObject, Sendable {
    func submit(_ command: ProviderCommand)
    /// Closes every open stream and request; no event reaches the sink after it returns.
    func shutdown() async
}

/// Makes the providers of one session: the real services, or the local stand-ins.
public protocol ProviderFactory: Sendable {
    /// `sessionLabel` names the session in logs and provider request ids.
    func makeProviders(sessionLabel: String, sink: @escaping ProviderEventSink) -> any SessionProviders
    /// The same, with what the session knows in advance (the phrases its caller will say).
    func makeProviders(sessionLabel: String, hints: SessionHints, sink: @escaping ProviderEventSink)
        -> any SessionProviders
    /// The same, also reporting the providers' own request ids to `requestIDs` (for the trace).
    func makeProviders(
        sessionLabel: String, hints: SessionHints, sink: @escaping ProviderEventSink,
        requestIDs: @escaping ProviderRequestIDSink
    ) -> any SessionProviders
}

extension ProviderFactory {
    /// Factories that cannot use hints ignore them.
    public func makeProviders(sessionLabel: String, hints: SessionHints, sink: @escaping ProviderEventSink)
        -> any SessionProviders
    {
        makeProviders(sessionLabel: sessionLabel, sink: sink)
    }

    /// Factories whose providers have no ids of their own report none.
    public func makeProviders(
        sessionLabel: String, hints: SessionHints, sink: @escaping ProviderEventSink,
        requestIDs: @escaping ProviderRequestIDSink
    ) -> any SessionProviders {
        makeProviders(sessionLabel: sessionLabel, hints: hints, sink: sink)
    }
}

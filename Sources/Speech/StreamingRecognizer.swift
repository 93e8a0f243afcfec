/// Recognises a stream of 16 kHz audio utterance by utterance, as a streaming STT does:
/// interim hypotheses while someone speaks, a final transcript at each endpoint.
///
/// The audio is decoded in whole 50 ms steps, whatever sizes it arrives in, so the same audio
/// gives the same events however it was cut into messages (pocketsphinx itself does not: fed
/// 37 samples at a time, it heard the same words with different interim results).
/// After each step:
/// - the decoder's voice activity detector (`ps_get_in_speech`) switching on starts an
///   utterance (`.speechStarted`);
/// - switching off (after `endpointMillis` of silence) ends it: `.final` with the
///   utterance's transcript, and a **fresh decoder** takes the audio from there, so an
///   utterance's transcript depends only on the audio since the previous endpoint;
/// - every 150 ms of stream audio inside an utterance, the hypothesis so far, when it
///   changed and is not empty (`.partial`).
public final class StreamingRecognizer {
    /// What the stream's audio caused.
    public enum Event: Equatable, Sendable {
        case speechStarted(atSample: Int)
        case partial(String)
        /// The utterance's transcript; word frames are converted to stream samples.
        case final(text: String, words: [TimedWord], endSample: Int)
    }

    /// A recognised word placed on the stream (samples since the stream started).
    public struct TimedWord: Equatable, Sendable {
        public var text: String
        public var startSample: Int
        public var endSample: Int
    }

    /// Samples per decoding step (50 ms) and per interim result (150 ms).
    public static let stepSamples = 800
    public static let partialSamples = 2_400

    public let configuration: RecognizerConfiguration
    private var decoder: Recognizer
    /// Stream sample where `decoder`'s utterance began.
    private var decoderStart = 0
    /// Samples decoded so far.
    public private(set) var position = 0
    /// Steps decoded by the current decoder.
    private var steps = 0
    /// Audio received but not yet a whole step.
    private var pending: [Int16] = []
    private var inUtterance = false
    private var lastPartial = ""

    public init(_ configuration: RecognizerConfiguration) throws {
        self.configuration = configuration
        decoder = try Recognizer(configuration)
        try decoder.start()
    }

    /// Decodes `samples` (the next audio of the stream); audio short of a whole step waits
    /// for the next call.
    public func process(_ samples: [Int16]) throws -> [Event] {
        pending += samples
        var events: [Event] = []
        var offset = 0
        while pending.count - offset >= StreamingRecognizer.stepSamples {
            let end = offset + StreamingRecognizer.stepSamples
            try pending[offset..<end].withUnsafeBufferPointer { try decoder.process($0) }
            offset = end
            position += StreamingRecognizer.stepSamples
            steps += 1
            try step(into: &events)
        }
        pending.removeFirst(offset)
        return events
    }

    /// Ends the utterance in progress, if any, with the audio still short of a step, as if an
    /// endpoint had been reached (Deepgram's `Finalize`), and starts a fresh decoder.
    public func finish() throws -> Event? {
        guard inUtterance else { return nil }
        try pending.withUnsafeBufferPointer { try decoder.process($0) }
        position += pending.count
        pending = []
        return try endUtterance()
    }

    /// True between `.speechStarted` and `.final`.
    public var isInUtterance: Bool { inUtterance }

    private func step(into events: inout [Event]) throws {
        let speaking = decoder.inSpeech
        if speaking && !inUtterance {
            inUtterance = true
            lastPartial = ""
            events.append(.speechStarted(atSample: position))
        } else if !speaking && inUtterance {
            events.append(try endUtterance())
        } else if inUtterance && steps % (StreamingRecognizer.partialSamples / StreamingRecognizer.stepSamples) == 0 {
            let hypothesis = decoder.hypothesis
            if !hypothesis.isEmpty && hypothesis != lastPartial {
                lastPartial = hypothesis
                events.append(.partial(hypothesis))
            }
        }
    }

    private func endUtterance() throws -> Event {
        let heard = try decoder.end()
        let start = decoderStart
        let words = heard.words.map {
            TimedWord(text: $0.text, startSample: start + $0.startFrame * 160, endSample: start + $0.endFrame * 160)
        }
        decoder = try Recognizer(configuration)
        try decoder.start()
        decoderStart = position
        steps = 0
        inUtterance = false
        lastPartial = ""
        return .final(text: heard.text, words: words, endSample: position)
    }
}

import ProviderWire
import Speech

/// The speech stand-in's recogniser: pocketsphinx hears the stream's audio, and its events
/// become Deepgram messages.
///
/// With keyterms (the call's declared phrases) each utterance is heard as one of them (a JSGF
/// grammar: the generic language model heard espeak-ng's "tell me a joke" as "duly on
/// joe"); without, the generic model. Interim results come about every 150 ms of audio
/// while someone speaks; the endpoint (`endpointing`, 500 ms when off) gives a final result
/// (`is_final`, and `speech_final` when endpointing is on) and `utterance_end_ms` after the
/// last word, with no new speech, `UtteranceEnd`. A fresh decoder hears each utterance
/// (`StreamingRecognizer`), so the same audio always gives the same messages.
final class SpeechTranscriber {
    private let options: DeepgramStreamOptions
    private let recognizer: StreamingRecognizer
    /// Stream sample where the current utterance started.
    private var utteranceStart = 0
    /// The last word's end and when `UtteranceEnd` is due, in samples.
    private var utteranceEndDue: (lastWordEnd: Int, due: Int)?

    init(options: DeepgramStreamOptions) throws {
        self.options = options
        recognizer = try StreamingRecognizer(
            RecognizerConfiguration(
                vocabulary: options.keyterms.isEmpty ? .languageModel : .phrases(options.keyterms),
                endpointMillis: options.endpointingMillis ?? 500))
    }

    /// Seconds of audio received.
    var durationSeconds: Double { Double(recognizer.position) / 16_000 }

    func audio(_ samples: [Int16]) throws -> [DeepgramMessage] {
        var messages = try recognizer.process(samples).flatMap { message($0, fromFinalize: false) }
        if let pending = utteranceEndDue, recognizer.position >= pending.due, !recognizer.isInUtterance {
            utteranceEndDue = nil
            messages.append(.utteranceEnd(lastWordEnd: seconds(pending.lastWordEnd)))
        }
        return messages
    }

    /// `Finalize` or `CloseStream`: the utterance in progress ends now.
    func finalize() throws -> [DeepgramMessage] {
        guard let event = try recognizer.finish() else { return [] }
        return message(event, fromFinalize: true)
    }

    private func message(_ event: StreamingRecognizer.Event, fromFinalize: Bool) -> [DeepgramMessage] {
        switch event {
        case .speechStarted(let sample):
            utteranceStart = sample
            utteranceEndDue = nil
            return options.vadEvents ? [.speechStarted(timestamp: seconds(sample))] : []
        case .partial(let text):
            guard options.interimResults else { return [] }
            return [.results(result(text, words: [], end: recognizer.position, isFinal: false, fromFinalize: false))]
        case .final(let text, let words, let endSample):
            let start = words.first?.startSample ?? utteranceStart
            if let ending = options.utteranceEndMillis, let last = words.last {
                utteranceEndDue = (last.endSample, last.endSample + ending * 16)
            }
            let timed = words.map { DeepgramWord(word: $0.text, start: seconds($0.startSample), end: seconds($0.endSample)) }
            var final = result(text, words: timed, end: endSample, isFinal: true, fromFinalize: fromFinalize)
            final.start = seconds(min(start, utteranceStart))
            final.duration = seconds(endSample - min(start, utteranceStart))
            return [.results(final)]
        }
    }

    private func result(_ text: String, words: [DeepgramWord], end: Int, isFinal: Bool, fromFinalize: Bool) -> DeepgramResults {
        DeepgramResults(
            start: seconds(utteranceStart), duration: seconds(end - utteranceStart), isFinal: isFinal,
            speechFinal: isFinal && !fromFinalize && options.endpointingMillis != nil, fromFinalize: fromFinalize,
            transcript: text, confidence: 1, words: words)
    }

    private func seconds(_ sample: Int) -> Double { Double(sample) / 16_000 }
}

import Speech

/// Utterances spoken by espeak-ng, one after another with silence between them: a caller's
/// side of a call as a stream.
struct SpokenStream {
    let phrases: [String]
    let samples: [Int16]

    init(_ phrases: [String], leadMillis: Int = 500, gapMillis: Int = 1_500) throws {
        var samples = [Int16](repeating: 0, count: leadMillis * 16)
        for phrase in phrases {
            samples += try Synthesizer.speak(phrase).samples
            samples += [Int16](repeating: 0, count: gapMillis * 16)
        }
        self.phrases = phrases
        self.samples = samples
    }

    /// A stream of given samples (phrases unknown).
    init(samples: [Int16]) {
        phrases = []
        self.samples = samples
    }

    /// Every event of a fresh streaming recognizer fed the stream in messages of `messageSamples`.
    func events(_ configuration: RecognizerConfiguration, messageSamples: Int) throws -> [StreamingRecognizer.Event] {
        let recognizer = try StreamingRecognizer(configuration)
        var events: [StreamingRecognizer.Event] = []
        var index = 0
        while index < samples.count {
            let end = min(samples.count, index + messageSamples)
            events += try recognizer.process(Array(samples[index..<end]))
            index = end
        }
        if let last = try recognizer.finish() { events.append(last) }
        return events
    }
}

extension [StreamingRecognizer.Event] {
    var finals: [String] {
        compactMap {
            if case .final(let text, _, _) = $0 { return text }
            return nil
        }
    }

    var partials: [String] {
        compactMap {
            if case .partial(let text) = $0 { return text }
            return nil
        }
    }
}

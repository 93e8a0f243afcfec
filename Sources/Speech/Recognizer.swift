import CPocketSphinx
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One pocketsphinx 0.8 decoder: feed it 16 kHz audio between `start()` and `end()`.
///
/// A decoder carries state from one utterance to the next (cepstral mean normalisation), so
/// the same audio can be heard differently after different histories; `StreamingRecognizer`
/// makes a fresh one per utterance. Not thread-safe: one owner at a time.
public final class Recognizer {
    public let configuration: RecognizerConfiguration
    private let arguments: OpaquePointer
    private let decoder: OpaquePointer

    /// pocketsphinx's loader sets process-wide state (its log file), so decoders are made one at a time.
    private static let loading = Mutex(0)

    /// Loads the model and the vocabulary. Throws when the model is missing or pocketsphinx
    /// refuses the configuration or the grammar.
    public init(_ configuration: RecognizerConfiguration) throws {
        self.configuration = configuration
        for path in [configuration.acousticModel + "/mdef", configuration.dictionary] {
            guard access(path, R_OK) == 0 else { throw SpeechError.modelMissing(path: path) }
        }
        var options = [
            "-hmm", configuration.acousticModel, "-dict", configuration.dictionary, "-logfn", "/dev/null",
            "-vad_postspeech", String(max(1, configuration.endpointMillis / 10)),
        ]
        if configuration.vocabulary == .languageModel { options += ["-lm", configuration.languageModel] }
        if let penalty = configuration.effectiveWordInsertionPenalty { options += ["-wip", penalty] }
        let (arguments, decoder) = try Recognizer.loading.withLock { _ throws(SpeechError) -> (OpaquePointer, OpaquePointer) in
            let arguments = try Recognizer.parse(options)
            guard let decoder = ps_init(arguments) else {
                cmd_ln_free_r(arguments)
                throw SpeechError.recognizerUnavailable("ps_init failed for \(configuration.modelDirectory)")
            }
            return (arguments, decoder)
        }
        self.arguments = arguments
        self.decoder = decoder
        try useVocabulary()
    }

    deinit {
        ps_free(decoder)
        cmd_ln_free_r(arguments)
    }

    /// Begins an utterance.
    public func start() throws {
        let code = ps_start_utt(decoder)
        guard code >= 0 else { throw SpeechError.decodingFailed(call: "ps_start_utt", code: code) }
    }

    /// Decodes more audio of the utterance.
    public func process(_ samples: UnsafeBufferPointer<Int16>) throws {
        guard let base = samples.baseAddress, !samples.isEmpty else { return }
        let code = ps_process_raw(decoder, base, samples.count, 0, 0)
        guard code >= 0 else { throw SpeechError.decodingFailed(call: "ps_process_raw", code: code) }
    }

    /// The decoder's voice activity detector hears speech now.
    public var inSpeech: Bool { ps_get_in_speech(decoder) != 0 }

    /// The best guess so far ("" when nothing was heard).
    public var hypothesis: String {
        var score: Int32 = 0
        return ps_get_hyp(decoder, &score).map { String(cString: $0) } ?? ""
    }

    /// Ends the utterance: its final hypothesis and word timings (frames of 10 ms from `start()`).
    public func end() throws -> RecognizedUtterance {
        let code = ps_end_utt(decoder)
        guard code >= 0 else { throw SpeechError.decodingFailed(call: "ps_end_utt", code: code) }
        var words: [RecognizedUtterance.Word] = []
        var segment = ps_seg_iter(decoder)
        while let current = segment {
            if let text = ps_seg_word(current).map({ String(cString: $0) }), let word = RecognizedUtterance.spoken(text),
                !word.isEmpty
            {
                var startFrame: Int32 = 0
                var endFrame: Int32 = 0
                ps_seg_frames(current, &startFrame, &endFrame)
                words.append(.init(text: word, startFrame: Int(startFrame), endFrame: Int(endFrame) + 1))
            }
            segment = ps_seg_next(current)
        }
        return RecognizedUtterance(text: hypothesis, words: words)
    }

    /// The transcript of `samples` as one utterance, in a fresh decoder.
    public static func transcribe(_ samples: [Int16], _ configuration: RecognizerConfiguration) throws -> String {
        let recognizer = try Recognizer(configuration)
        try recognizer.start()
        try samples.withUnsafeBufferPointer { try recognizer.process($0) }
        return try recognizer.end().text
    }

    private static func parse(_ options: [String]) throws(SpeechError) -> OpaquePointer {
        var argv: [UnsafeMutablePointer<CChar>?] = (["voicesim"] + options).map { strdup($0) }
        defer { for pointer in argv { free(pointer) } }
        guard let parsed = ps_args().flatMap({ cmd_ln_parse_r(nil, $0, Int32(argv.count), &argv, 1) }) else {
            throw SpeechError.recognizerUnavailable("pocketsphinx refused the options \(options.joined(separator: " "))")
        }
        return parsed
    }

    private func useVocabulary() throws {
        let grammar: String?
        switch configuration.vocabulary {
        case .languageModel: return
        case .phrases(let phrases): grammar = PhraseGrammar.phrases(phrases, isKnown: isKnown)
        case .words(let words): grammar = PhraseGrammar.wordLoop(words, isKnown: isKnown)
        }
        guard let grammar else { throw SpeechError.grammarRejected("no word of the vocabulary is in the dictionary") }
        guard ps_set_jsgf_string(decoder, "voicesim", grammar) == 0 else { throw SpeechError.grammarRejected(grammar) }
        guard ps_set_search(decoder, "voicesim") == 0 else { throw SpeechError.grammarRejected("ps_set_search refused it") }
    }

    private func isKnown(_ word: String) -> Bool {
        guard let phones = ps_lookup_word(decoder, word) else { return false }
        free(phones)
        return true
    }
}

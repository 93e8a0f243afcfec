/// What a pocketsphinx decoder listens for, and when it decides speech has ended.
public struct RecognizerConfiguration: Equatable, Sendable {
    /// Debian's pocketsphinx-en-us.
    public static let defaultModelDirectory = "/usr/share/pocketsphinx/model/en-us"

    /// The words the decoder may hear.
    public enum Vocabulary: Equatable, Sendable {
        /// The generic English language model (poor on synthetic voices: "tell me a joke" came
        /// out as "duly on joe").
        case languageModel
        /// Exactly one of these phrases per utterance (a JSGF grammar).
        case phrases([String])
        /// Any sequence of these words (a JSGF word loop).
        case words([String])
    }

    /// Holds `en-us/` (the acoustic model), `cmudict-en-us.dict` and `en-us.lm.bin`.
    public var modelDirectory: String
    public var vocabulary: Vocabulary
    /// Silence after speech before the decoder's voice activity detector says speech ended
    /// (`-vad_postspeech`, in 10 ms frames).
    public var endpointMillis: Int
    /// Word insertion penalty (`-wip`); nil: 1e-3 for a word loop, pocketsphinx's 0.65 otherwise.
    /// A word loop at 0.65 fills speech with short words ("thank you very much" came out as
    /// "a the can you a the a me hello"); 1e-3 heard about six words in ten of espeak's replies
    /// right, and 1e-6 began to drop whole utterances.
    public var wordInsertionPenalty: String?

    public init(
        modelDirectory: String = defaultModelDirectory, vocabulary: Vocabulary = .languageModel,
        endpointMillis: Int = 500, wordInsertionPenalty: String? = nil
    ) {
        self.modelDirectory = modelDirectory
        self.vocabulary = vocabulary
        self.endpointMillis = endpointMillis
        self.wordInsertionPenalty = wordInsertionPenalty
    }

    var effectiveWordInsertionPenalty: String? {
        if let wordInsertionPenalty { return wordInsertionPenalty }
        if case .words = vocabulary { return "1e-3" }
        return nil
    }

    var acousticModel: String { modelDirectory + "/en-us" }
    var dictionary: String { modelDirectory + "/cmudict-en-us.dict" }
    var languageModel: String { modelDirectory + "/en-us.lm.bin" }
}

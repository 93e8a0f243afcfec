/// A failure of the offline speech engines (espeak-ng, pocketsphinx, soxr), naming the step
/// and what it was given.
public enum SpeechError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `espeak_Initialize` failed: no espeak-ng data, or no voice of that name.
    case synthesizerUnavailable(String)
    /// `espeak_Synth` refused the text (espeak's error code).
    case synthesisFailed(text: String, code: Int32)
    /// soxr could not resample (its message).
    case resamplingFailed(String)
    /// The acoustic model or dictionary is not where it should be.
    case modelMissing(path: String)
    /// pocketsphinx refused its configuration or could not load the model.
    case recognizerUnavailable(String)
    /// pocketsphinx refused the grammar built from the declared phrases.
    case grammarRejected(String)
    /// A decoder call failed (which call, and its return code).
    case decodingFailed(call: String, code: Int32)

    public var description: String {
        switch self {
        case .synthesizerUnavailable(let detail): "espeak-ng is unavailable: \(detail)"
        case .synthesisFailed(let text, let code): "espeak-ng could not speak \"\(text)\" (error \(code))"
        case .resamplingFailed(let detail): "soxr could not resample: \(detail)"
        case .modelMissing(let path): "the pocketsphinx model is missing: \(path) (install pocketsphinx-en-us)"
        case .recognizerUnavailable(let detail): "pocketsphinx could not start: \(detail)"
        case .grammarRejected(let detail): "pocketsphinx refused the phrase grammar: \(detail)"
        case .decodingFailed(let call, let code): "pocketsphinx \(call) failed (\(code))"
        }
    }
}

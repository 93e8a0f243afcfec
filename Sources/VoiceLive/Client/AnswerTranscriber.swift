import Speech
import VoiceSim

/// What the caller heard back: the audio a call played, transcribed by pocketsphinx and
/// given to the turns whose answers it belongs to.
///
/// The answers are heard with a word loop over the simulated LLM's vocabulary (what the
/// stand-ins answer with): the generic language model hears espeak-ng poorly, and the loop
/// still makes real recognition errors (about four words in ten on espeak-ng's replies).
/// An utterance belongs to the last turn whose answer started playing before it.
public enum AnswerTranscriber {
    public static func transcribe(_ report: CallReport, vocabulary: [String] = LLMVocabulary.words) throws -> CallReport {
        let recognizer = try StreamingRecognizer(RecognizerConfiguration(vocabulary: .words(vocabulary), endpointMillis: 700))
        var events = try recognizer.process(report.heardAudio + [Int16](repeating: 0, count: 16_000))
        if let last = try recognizer.finish() { events.append(last) }
        var report = report
        for index in report.turns.indices where report.turns[index].playbackStartMillis != nil {
            report.turns[index].heardBack = ""
        }
        for case .final(let text, let words, let endSample) in events where !text.isEmpty {
            // The recogniser may place a word's start a little before the audio it heard.
            let atMillis = Int64((words.first?.startSample ?? endSample) / 16) + 200
            guard let index = report.turns.indices.last(where: { (report.turns[$0].playbackStartMillis ?? .max) <= atMillis })
            else { continue }
            let answer = report.turns[index].heardBack ?? ""
            report.turns[index].heardBack = answer.isEmpty ? text : answer + " " + text
        }
        return report
    }
}

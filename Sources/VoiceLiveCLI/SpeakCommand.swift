import ArgumentParser
import Foundation
import CLISupport
import Speech
import VoiceLive

struct SpeakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speak",
        abstract: "Speak text with espeak-ng into a 16 kHz mono WAV (with its transcript beside it, for call --wav).",
        discussion: """
            Each TEXT is one utterance; they are separated by --gap-ms of silence, after --lead-ms of \
            silence. The transcript, one utterance per line, goes to the same path with .txt. The same \
            text always gives the same file.
            """
    )

    @Argument(help: "What to say; one argument per utterance.")
    var texts: [String]

    @Option(help: "The WAV to write.")
    var out: String

    @Option(help: "Silence before the first utterance, in milliseconds.")
    var leadMs = 500

    @Option(help: "Silence between utterances, in milliseconds.")
    var gapMs = 2_000

    @Option(help: "espeak-ng voice.")
    var voice = Synthesizer.defaultVoice

    @Option(help: "Speaking rate, in words a minute.")
    var wordsPerMinute: Int32 = Synthesizer.defaultWordsPerMinute

    func validate() throws {
        guard !texts.isEmpty else { throw ValidationError("Give at least one text to say.") }
        guard leadMs >= 0, gapMs >= 0 else { throw ValidationError("--lead-ms and --gap-ms must be 0 or more.") }
        guard (80...450).contains(wordsPerMinute) else { throw ValidationError("--words-per-minute must be 80...450.") }
        guard out.hasSuffix(".wav") else { throw ValidationError("--out must end in .wav (the transcript goes beside it as .txt).") }
    }

    func run() throws {
        var samples = [Int16](repeating: 0, count: leadMs * 16)
        for (index, text) in texts.enumerated() {
            if index > 0 { samples += [Int16](repeating: 0, count: gapMs * 16) }
            do {
                samples += try Synthesizer.speak(text, voice: voice, wordsPerMinute: wordsPerMinute).samples
            } catch {
                printError("error: utterance \(index + 1): \(error)")
                throw VoiceSimExit.badInput
            }
        }
        samples += [Int16](repeating: 0, count: 1_000 * 16)
        let transcript = String(out.dropLast(".wav".count)) + ".txt"
        do {
            try WAVFile.write(samples, path: out)
            try (texts.joined(separator: "\n") + "\n").write(toFile: transcript, atomically: true, encoding: .utf8)
        } catch {
            printError("error: \(out): cannot write: \(error)")
            throw VoiceSimExit.badInput
        }
        print("wrote \(out) (\(samples.count * 1_000 / 16_000) ms) and \(transcript)")
    }
}

import ArgumentParser
import CLISupport
import Speech
import VoiceLive
import VoiceSim

struct TranscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcribe",
        abstract: "Transcribe a 16 kHz mono WAV with pocketsphinx, utterance by utterance, as the speech stand-in hears it.",
        discussion: """
            With --phrase (repeatable) each utterance is heard as one of those phrases (a JSGF grammar); \
            otherwise with the generic English language model. A fresh decoder hears each utterance, so \
            the same WAV gives the same transcript in every run.
            """
    )

    @Argument(help: "The WAV (16 kHz, mono, 16-bit).")
    var wav: String

    @Option(help: "A phrase the speaker may say; repeat for each.")
    var phrase: [String] = []

    @Option(help: "Silence that ends an utterance, in milliseconds.")
    var endpointMs = 500

    @Flag(help: "Print one JSON object instead of lines.")
    var json = false

    func validate() throws {
        guard (50...5_000).contains(endpointMs) else { throw ValidationError("--endpoint-ms must be 50...5000.") }
    }

    func run() throws {
        let samples: [Int16]
        do {
            samples = try WAVFile.read(path: wav)
        } catch {
            printError("error: \(error)")
            throw VoiceSimExit.badInput
        }
        let configuration = RecognizerConfiguration(
            vocabulary: phrase.isEmpty ? .languageModel : .phrases(phrase), endpointMillis: endpointMs)
        var finals: [(text: String, startMs: Int, endMs: Int)] = []
        do {
            let recognizer = try StreamingRecognizer(configuration)
            var events = try recognizer.process(samples)
            // Trailing silence lets the last utterance reach its endpoint; a WAV that stops mid-word is finalized.
            events += try recognizer.process([Int16](repeating: 0, count: (endpointMs + 200) * 16))
            if let last = try recognizer.finish() { events.append(last) }
            for case .final(let text, let words, let endSample) in events {
                finals.append((text, (words.first?.startSample ?? endSample) / 16, (words.last?.endSample ?? endSample) / 16))
            }
        } catch {
            printError("error: \(wav): \(error)")
            throw VoiceSimExit.failure
        }
        if json {
            let utterances = finals.map { final -> JSONValue in
                .object([("text", .string(final.text)), ("startMs", .int(Int64(final.startMs))), ("endMs", .int(Int64(final.endMs)))])
            }
            print(JSONValue.object([("utterances", .array(utterances))]).rendered())
        } else {
            for final in finals { print("\(final.startMs)–\(final.endMs) ms  \(final.text)") }
        }
    }
}

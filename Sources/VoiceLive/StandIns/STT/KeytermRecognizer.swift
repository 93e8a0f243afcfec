import ProviderWire
import VoiceCore

/// The speech-to-text stand-in's recogniser: an energy endpointer over the PCM it is sent,
/// with the words taken from the phrases the caller declared.
///
/// A live server has no ground truth (the simulator's STT reads the user's timeline), and
/// the project ships no speech engine, so the stand-in hears *when* someone speaks and
/// takes *what* they said from the request's `keyterm` list, in order. The rule:
/// 1. Audio is cut into 20 ms frames; a frame is voiced when its mean-square energy is at
///    least `thresholdEnergy` (490 000, RMS 700: the core VAD's threshold).
/// 2. An utterance starts once `speechFramesMin` (8) voiced frames arrive with no gap over
///    `gapFramesMax` (4) frames, so a 120 ms cough (6 frames) is not speech.
/// 3. Inside an utterance, a voiced run that begins after at least `wordGapFrames` (2)
///    unvoiced frames is a new word (`SpeechSynth` leaves ≥ 66 ms between words and keeps
///    syllables voiced).
/// 4. The k-th utterance (from 0) is the k-th declared phrase; past the list it is heard as
///    nothing (an empty transcript, as Deepgram sends for noise).
/// 5. After each audio message, an interim result shows the phrase's first n words, n the
///    words heard so far (at most the phrase's length), when n changed.
/// 6. After `endpointing` ms without a voiced frame, a final result (`is_final`,
///    `speech_final`) carries the whole phrase; `utterance_end_ms` after the last voiced
///    frame, `UtteranceEnd` follows. Without endpointing the final comes with `UtteranceEnd`.
/// 7. `Finalize`/`CloseStream` during an utterance make a final result (`from_finalize`) of
///    the words heard so far, and the utterance counts as used.
///
/// Pure and deterministic: the same audio, cut into messages the same way, gives the same
/// messages (interim results depend on message boundaries, as Deepgram's do).
package struct KeytermRecognizer: Sendable {
    package struct Config: Equatable, Sendable {
        package var thresholdEnergy: UInt64 = 490_000
        package var speechFramesMin = 8
        package var gapFramesMax = 4
        package var wordGapFrames = 2
        /// Unvoiced frames that end an utterance (`speech_final`); nil: endpointing off.
        package var endpointingFrames: Int?
        /// Unvoiced frames after the last word before `UtteranceEnd`; nil: none.
        package var utteranceEndFrames: Int?
        package var interimResults = true
        package var vadEvents = false

        package init(options: DeepgramStreamOptions) {
            endpointingFrames = options.endpointingMillis.map { max(1, $0 / 20) }
            utteranceEndFrames = options.utteranceEndMillis.map { max(1, $0 / 20) }
            interimResults = options.interimResults
            vadEvents = options.vadEvents
        }
    }

    package let config: Config
    /// The declared phrases, as words.
    let phrases: [[String]]
    /// Samples of a frame not yet complete.
    var pending: [Int16]
    /// Frames processed since the stream opened.
    var frame: Int
    /// Phrase of the current (or next) utterance.
    package private(set) var utteranceIndex: Int
    var inSpeech: Bool
    var candidateVoiced: Int
    var unvoicedRun: Int
    /// Word runs of the current candidate or utterance: first frame and end frame.
    var runs: [(start: Int, end: Int)]
    /// Words shown in the latest interim result.
    var revealed: Int
    /// End frame of the last word of an utterance that ended, while `UtteranceEnd` is due.
    var utteranceEndDue: Int?

    package init(phrases: [String], config: Config) {
        self.config = config
        self.phrases = phrases.map { $0.split(separator: " ").map(String.init) }
        pending = []
        frame = 0
        utteranceIndex = 0
        inSpeech = false
        candidateVoiced = 0
        unvoicedRun = 0
        runs = []
        revealed = 0
        utteranceEndDue = nil
    }
}

extension KeytermRecognizer {
    /// Seconds of stream audio at the start of `frame`.
    static func seconds(_ frame: Int) -> Double { Double(frame) * 0.02 }

    /// The messages one audio message causes.
    /// - Complexity: O(`samples.count`)
    package mutating func audio(_ samples: [Int16]) -> [DeepgramMessage] {
        var messages: [DeepgramMessage] = []
        var index = 0
        while index < samples.count {
            let take = min(AudioFormat.frameSamples - pending.count, samples.count - index)
            pending.append(contentsOf: samples[index..<(index + take)])
            index += take
            if pending.count == AudioFormat.frameSamples {
                step(voiced: KeytermRecognizer.energy(pending) >= config.thresholdEnergy, into: &messages)
                pending.removeAll(keepingCapacity: true)
            }
        }
        if inSpeech && config.interimResults {
            let heard = min(runs.count, currentPhrase.count)
            if heard > 0 && heard != revealed {
                revealed = heard
                messages.append(result(words: heard, isFinal: false, speechFinal: false, fromFinalize: false))
            }
        }
        return messages
    }

    /// `Finalize` or `CloseStream`: the utterance in progress ends with the words heard.
    package mutating func finalize() -> [DeepgramMessage] {
        guard inSpeech else { return [] }
        let heard = min(runs.count, currentPhrase.count)
        let message = result(words: heard, isFinal: true, speechFinal: false, fromFinalize: true)
        endUtterance()
        return [message]
    }

    /// Seconds of audio received.
    package var durationSeconds: Double { Double(frame * AudioFormat.frameSamples + pending.count) / 16_000 }

    var currentPhrase: [String] { utteranceIndex < phrases.count ? phrases[utteranceIndex] : [] }

    private mutating func step(voiced: Bool, into messages: inout [DeepgramMessage]) {
        defer { frame += 1 }
        if voiced {
            if runs.isEmpty || unvoicedRun >= config.wordGapFrames {
                runs.append((start: frame, end: frame + 1))
            } else {
                runs[runs.count - 1].end = frame + 1
            }
            unvoicedRun = 0
            if !inSpeech {
                candidateVoiced += 1
                if candidateVoiced >= config.speechFramesMin {
                    inSpeech = true
                    revealed = 0
                    // New speech: the previous utterance's words did not end the talking.
                    utteranceEndDue = nil
                    if config.vadEvents { messages.append(.speechStarted(timestamp: Self.seconds(runs[0].start))) }
                }
            }
            return
        }
        unvoicedRun += 1
        if inSpeech {
            if let endpointing = config.endpointingFrames, unvoicedRun >= endpointing {
                let words = currentPhrase.count
                messages.append(result(words: words, isFinal: true, speechFinal: true, fromFinalize: false))
                utteranceEndDue = runs.last?.end
                endUtterance()
            } else if config.endpointingFrames == nil, let gap = config.utteranceEndFrames, unvoicedRun >= gap {
                let words = currentPhrase.count
                messages.append(result(words: words, isFinal: true, speechFinal: false, fromFinalize: false))
                let lastEnd = runs.last?.end ?? frame
                endUtterance()
                messages.append(.utteranceEnd(lastWordEnd: Self.seconds(lastEnd)))
            }
        } else if !runs.isEmpty && unvoicedRun > config.gapFramesMax {
            runs = []
            candidateVoiced = 0
        }
        if let due = utteranceEndDue, let gap = config.utteranceEndFrames, frame + 1 - due >= gap {
            utteranceEndDue = nil
            messages.append(.utteranceEnd(lastWordEnd: Self.seconds(due)))
        }
    }

    private mutating func endUtterance() {
        inSpeech = false
        runs = []
        candidateVoiced = 0
        revealed = 0
        utteranceIndex += 1
    }

    /// A result for the first `words` words of the current phrase.
    private func result(words: Int, isFinal: Bool, speechFinal: Bool, fromFinalize: Bool) -> DeepgramMessage {
        let phrase = currentPhrase
        let start = runs.first?.start ?? frame
        var timed: [DeepgramWord] = []
        for index in 0..<words {
            let run = index < runs.count ? runs[index] : (runs.last ?? (start: start, end: frame))
            timed.append(DeepgramWord(word: phrase[index], start: Self.seconds(run.start), end: Self.seconds(run.end)))
        }
        return .results(
            DeepgramResults(
                start: Self.seconds(start), duration: Self.seconds(frame + 1 - start), isFinal: isFinal,
                speechFinal: speechFinal, fromFinalize: fromFinalize,
                transcript: phrase.prefix(words).joined(separator: " "), confidence: 1, words: timed))
    }

    /// Mean square of a frame, in integers.
    static func energy(_ samples: [Int16]) -> UInt64 {
        var sum: UInt64 = 0
        for sample in samples { sum &+= UInt64(Int64(sample) * Int64(sample)) }
        return sum / UInt64(samples.count)
    }
}

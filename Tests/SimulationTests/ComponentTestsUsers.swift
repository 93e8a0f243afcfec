import Testing
import VoiceCore

@testable import VoiceSim

@Suite("Synthetic speech and scripted users")
struct ComponentTestsUsers {
    /// The energy VAD threshold the core is expected to use: (700 RMS)².
    static let speechEnergyMin: UInt32 = 700 * 700

    @Test("The same seed renders the same audio; another seed renders other audio")
    func synthDeterminism() {
        let plan: [SpeechSynth.Segment] = [
            .silence(samples: 800), .word(id: 1, samples: 4_000), .cough(samples: 1_920),
        ]
        var first = SpeechSynth(voice: .user, seed: 42)
        var second = SpeechSynth(voice: .user, seed: 42)
        var other = SpeechSynth(voice: .user, seed: 43)
        let a = AudioChunk(samples: first.render(plan))
        let b = AudioChunk(samples: second.render(plan))
        let c = AudioChunk(samples: other.render(plan))
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
        #expect(a.sampleCount == 6_720)
    }

    @Test("Cutting a word into pieces renders the same samples as rendering it whole")
    func synthChunkingIndependent() {
        var whole = SpeechSynth(voice: .assistant, seed: 5)
        let expected = whole.render([.word(id: 9, samples: 5_000)])
        var pieces = SpeechSynth(voice: .assistant, seed: 5)
        var actual = [Int16](repeating: 0, count: 5_000)
        actual.withUnsafeMutableBufferPointer { buffer in
            // Cuts inside the fade-in, in a syllable's rise and fall, and off the 64-sample grid.
            for (start, end) in [(0, 37), (37, 101), (101, 1_234), (1_234, 1_300), (1_300, 2_222), (2_222, 4_950), (4_950, 5_000)] {
                pieces.renderWord(
                    id: 9, wordSamples: 5_000, offset: start,
                    into: UnsafeMutableBufferPointer(rebasing: buffer[start..<end]))
            }
        }
        #expect(AudioChunk(samples: actual) == AudioChunk(samples: expected))
    }

    /// Words of one to five syllables, a word shorter than its fade, silence and a cough.
    static let mixedPlan: [SpeechSynth.Segment] = [
        .word(id: 3, samples: 3), .silence(samples: 500), .word(id: 1, samples: 17_777),
        .cough(samples: 1_920), .word(id: 2, samples: 2_049), .silence(samples: 1_025),
        .word(id: 7, samples: 9_000), .word(id: 8, samples: 640),
    ]

    /// Renders `plan` in pieces of `sizes` (cycled) with `render(_:head:offset:into:)`.
    static func renderInPieces(_ plan: [SpeechSynth.Segment], synth: inout SpeechSynth, sizes: [Int]) -> [Int16] {
        let total = plan.reduce(0) { $0 + $1.sampleCount }
        var samples = [Int16](repeating: 0, count: total)
        var head = 0
        var offset = 0
        var start = 0
        var turn = 0
        samples.withUnsafeMutableBufferPointer { buffer in
            while start < total {
                let end = min(total, start + sizes[turn % sizes.count])
                synth.render(plan, head: &head, offset: &offset, into: UnsafeMutableBufferPointer(rebasing: buffer[start..<end]))
                start = end
                turn += 1
            }
        }
        return samples
    }

    @Test(
        "Rendering words, silence and coughs in pieces of any size gives the samples of a whole render",
        arguments: [[1], [7], [63], [64], [65], [333], [1_023], [1_025], [320, 1, 1_600, 13]])
    func synthPiecesMatchWhole(sizes: [Int]) {
        for voice in [SpeechSynth.Voice.user, .assistant, SpeechSynth.Voice(pitchHz: 333, peakAmplitude: 30_000)] {
            var whole = SpeechSynth(voice: voice, seed: 11)
            let expected = whole.render(ComponentTestsUsers.mixedPlan)
            var pieces = SpeechSynth(voice: voice, seed: 11)
            let actual = ComponentTestsUsers.renderInPieces(ComponentTestsUsers.mixedPlan, synth: &pieces, sizes: sizes)
            #expect(actual == expected, "voice \(voice), pieces \(sizes)")
        }
    }

    @Test("Synthetic audio is pinned: a change to any sample of these renders changes a digest")
    func synthPinnedFingerprints() {
        // A quiet voice (16-bit multiply path) and a loud one (32-bit path with clamping).
        var quiet = SpeechSynth(voice: .user, seed: 2_026)
        var loud = SpeechSynth(voice: SpeechSynth.Voice(pitchHz: 333, peakAmplitude: 30_000), seed: 2_026)
        let quietChunk = AudioChunk(samples: quiet.render(ComponentTestsUsers.mixedPlan))
        let loudChunk = AudioChunk(samples: loud.render(ComponentTestsUsers.mixedPlan))
        #expect(hex16(quietChunk.fingerprint) == "000000003b1ed90e")
        #expect(hex16(loudChunk.fingerprint) == "00000000b984db61")
    }

    @Test("Speech frames are far above the VAD threshold, silence far below, a cough loud but short")
    func synthEnergySeparation() {
        var synth = SpeechSynth(voice: .user, seed: 11)
        let word = AudioChunk(samples: synth.render([.word(id: 3, samples: 8_000)]))
        let silence = AudioChunk(samples: synth.render([.silence(samples: 8_000)]))
        let cough = AudioChunk(
            samples: synth.render([
                .cough(samples: AudioFormat.samples(micros: SpeechSynth.coughMicros)),
                .silence(samples: 3_200),
            ]))
        // Inside the word (not its 10 ms fades), every 20 ms frame is speech.
        #expect(word.frameEnergies.dropFirst().dropLast().allSatisfy { $0 > 1_000 * 1_000 })
        let meanSpeech = word.frameEnergies.reduce(0) { $0 + UInt64($1) } / UInt64(word.frameEnergies.count)
        #expect(meanSpeech > 2_500 * 2_500 && meanSpeech < 6_000 * 6_000)
        #expect(silence.frameEnergies.allSatisfy { $0 < 100 * 100 })
        #expect(cough.frameEnergies[0] > 5_000 * 5_000)
        let loudFrames = cough.frameEnergies.filter { $0 > Self.speechEnergyMin }.count
        #expect(loudFrames >= 3 && loudFrames <= 6)
    }

    @Test("A scripted utterance is timed at 150 words a minute and heard in the mic chunks")
    func userTimelineAndAudio() {
        let script = UserScript(utterances: [.init("hello there how are you today", start: .at(.millis(1_000)))])
        var user = SimUser(script: script, seed: 1)
        let utterance = try! #require(user.timeline.utterances.first)
        #expect(utterance.words.count == 6)
        #expect(utterance.start == .millis(1_000))
        #expect(utterance.text == "hello there how are you today")
        let duration = utterance.end.micros(since: utterance.start)
        #expect(duration > 1_800_000 && duration < 2_800_000)
        var chunks: [AudioChunk] = []
        for tick in 1...40 { chunks.append(user.micChunk(endingAt: .millis(Int64(tick) * 100))) }
        #expect(chunks.allSatisfy { $0.sampleCount == AudioFormat.micChunkSamples })
        #expect(chunks[4].frameEnergies.allSatisfy { $0 < 100 * 100 })  // 0.4–0.5 s: silence
        let during = chunks[14]  // 1.4–1.5 s: speaking
        #expect(during.frameEnergies.filter { $0 > Self.speechEnergyMin }.count >= 3)
        #expect(chunks[39].frameEnergies.allSatisfy { $0 < 100 * 100 })  // 3.9–4.0 s: done
        #expect(user.isFinished(at: .seconds(4)))
    }

    @Test("Replies, barge-ins and reply coughs are scheduled from the assistant's speech")
    func userEventRelativeStarts() {
        let script = UserScript(utterances: [
            .init("first question", start: .at(.millis(500)), coughAfterReplyStartsMicros: 1_000_000),
            .init("second question", start: .afterReply(pauseMicros: 800_000)),
            .init("wait stop", start: .bargeIn(afterMicros: 1_500_000)),
        ])
        var user = SimUser(script: script, seed: 2)
        #expect(user.timeline.utterances.count == 1)
        let firstEnd = user.timeline.utterances[0].end
        for tick in 1...30 { _ = user.micChunk(endingAt: .millis(Int64(tick) * 100)) }
        user.assistantStartedSpeaking(at: .millis(3_000))
        #expect(user.timeline.coughs == [SpeechTimeline.Cough(start: .millis(4_000), end: .millis(4_120))])
        #expect(user.timeline.utterances.count == 1)
        user.assistantFinishedSpeaking(at: .millis(6_000))
        #expect(user.timeline.utterances.count == 2)
        #expect(user.timeline.utterances[1].start == .millis(6_800))
        #expect(firstEnd < .millis(3_000))
        // A start before the second utterance ended does not count for the barge-in.
        user.assistantStartedSpeaking(at: .millis(7_000))
        #expect(user.timeline.utterances.count == 2)
        user.assistantStartedSpeaking(at: .millis(9_000))
        #expect(user.timeline.utterances.count == 3)
        #expect(user.timeline.utterances[2].start == .millis(10_500))
        #expect(user.timeline.utterances[2].isBargeIn)
    }

    @Test("A caller who gets no reply speaks anyway after the reply timeout")
    func userReplyTimeout() {
        let script = UserScript(
            utterances: [.init("hello", start: .at(.zero)), .init("anyone there", start: .afterReply(pauseMicros: 0))],
            replyTimeoutMicros: 2_000_000)
        var user = SimUser(script: script, seed: 3)
        let firstEnd = user.timeline.utterances[0].end
        var tick: Int64 = 1
        while user.timeline.utterances.count < 2 && tick < 100 {
            _ = user.micChunk(endingAt: .millis(tick * 100))
            tick += 1
        }
        let second = try! #require(user.timeline.utterances.last)
        #expect(second.startedAfterTimeout)
        #expect(second.start >= firstEnd + 2_000_000)
        #expect(second.start <= firstEnd + 2_200_000)
    }

    @Test("A cough over the first word of a barge-in masks only itself: the VAD still confirms the speech in time (fuzz seed 0x2e1)")
    func coughOverWordStaysVoiced() {
        // The fuzzer's seed 0x2e1: a reply cough 34 ms into the first word of a barge-in. Rendering
        // used to cut the word at the cough, so the VAD heard a cough and silence, and the reply
        // played over the user for 700 ms.
        let script = UserScript(utterances: [.init("Thanks, that is everything for now.", start: .at(.millis(1_000)))],
                                coughs: [UserScript.Cough(at: .millis(1_034))])
        var user = SimUser(script: script, seed: 4)
        let utterance = try! #require(user.timeline.utterances.first)
        var vad = EnergyVAD()
        var confirmedAt: Instant?
        for tick in Int64(1)...30 {
            let end = Instant.millis(tick * 100)
            let chunk = user.micChunk(endingAt: end)
            for case .speechStarted in vad.process(frameEnergies: chunk.frameEnergies, chunkEnd: end) where confirmedAt == nil {
                confirmedAt = end
            }
        }
        let confirmed = try! #require(confirmedAt)
        // The talk-over oracle's bound: minimum speech, the gap frames of an onset, one mic chunk.
        let config = VADConfig()
        let boundMicros = Int64(config.speechFramesMin + config.gapFramesMax) * AudioFormat.frameMicros
            + AudioFormat.micChunkMicros
        #expect(confirmed.micros(since: utterance.start) <= boundMicros,
                "speech confirmed at \(confirmed), \(confirmed.micros(since: utterance.start) / 1_000) ms after it began")
    }
}

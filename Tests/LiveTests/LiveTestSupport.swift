import Foundation
import NIOConcurrencyHelpers
import ProviderWire
import VoiceCore
import VoiceLive
import VoiceSim

/// Collects what a session's providers report, for tests to wait on.
final class EventRecorder: Sendable {
    private let events = NIOLockedValueBox<[ServerEvent]>([])

    var all: [ServerEvent] { events.withLockedValue { $0 } }

    var sink: ProviderEventSink { { event in self.events.withLockedValue { $0.append(event) } } }

    /// Waits (polling every 5 ms, up to `seconds`) until `predicate` holds for the events so far.
    @discardableResult
    func wait(seconds: Int = 10, until predicate: ([ServerEvent]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if predicate(all) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return predicate(all)
    }
}

extension ServerEvent {
    var stt: STTEvent? { if case .stt(let event) = self { event } else { nil } }
    var llm: LLMEvent? { if case .llm(let event) = self { event } else { nil } }
    var tts: TTSEvent? { if case .tts(let event) = self { event } else { nil } }
}

/// Profiles fast enough for tests: the protocols and the order of events are what is
/// tested, not the seed's latencies.
let fastProfiles = ProviderProfiles(
    stt: STTProfile(openLatency: .fixed(0), partialLatency: .fixed(5_000)),
    llm: LLMProfile(timeToFirstToken: .fixed(10_000), tokensPerSecondMin: 500, tokensPerSecondMax: 500),
    tts: TTSProfile(firstAudio: .fixed(5_000), synthesisMicrosPerAudioSecond: 20_000))

/// Runs `body` with stand-ins configured by `configuration`, and a session's providers
/// talking to them; shuts both down afterwards.
func withStandIns(
    _ configuration: StandInConfiguration = StandInConfiguration(profiles: fastProfiles),
    phrases: [String] = [],
    _ body: (StandIns, any SessionProviders, EventRecorder) async throws -> Void
) async throws {
    let standIns = try await StandIns.start(configuration)
    let recorder = EventRecorder()
    let factory = LiveProviderFactory(endpoints: standIns.endpoints)
    let providers = factory.makeProviders(
        sessionLabel: "test", hints: SessionHints(expectedPhrases: phrases), sink: recorder.sink)
    do {
        try await body(standIns, providers, recorder)
    } catch {
        await providers.shutdown()
        await standIns.shutdown()
        throw error
    }
    await providers.shutdown()
    await standIns.shutdown()
}

/// The mic audio of a caller saying `phrases` one after another (`gapMicros` apart), with
/// `tailMicros` of silence after the last, in 100 ms chunks.
func micChunks(_ phrases: [String], gapMicros: Int64 = 1_500_000, tailMicros: Int64 = 1_500_000,
               coughs: [Instant] = []) -> [AudioChunk] {
    let utterances = phrases.enumerated().map { index, text in
        UserScript.Utterance(text, start: index == 0 ? .at(.millis(300)) : .afterPrevious(pauseMicros: gapMicros))
    }
    var user = SimUser(script: UserScript(utterances: utterances, coughs: coughs.map { UserScript.Cough(at: $0) }), seed: 42)
    var chunks: [AudioChunk] = []
    var end = Instant(micros: AudioFormat.micChunkMicros)
    while true {
        chunks.append(user.micChunk(endingAt: end))
        if let last = user.timeline.utterances.last, user.timeline.utterances.count == phrases.count,
            end >= last.end + tailMicros
        {
            return chunks
        }
        end = end + AudioFormat.micChunkMicros
    }
}

/// Runs blocking work (a child process's pipe, `waitUntilExit`) on a thread of its own.
///
/// The concurrency pool has one thread per core (two in CI): a test blocking one for
/// seconds starves every live test's sockets and timers, which then time out.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

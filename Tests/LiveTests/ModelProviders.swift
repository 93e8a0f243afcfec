import Foundation
import VoiceCore
import VoiceLive
import VoiceSim

/// Test-only providers built on the simulator's provider models, until the protocol
/// stand-ins are merged: STT "hears" a known speech timeline (mic chunk k covers
/// `[(k−1)·100 ms, k·100 ms)` of it), the LLM and TTS are the simulator's. Events are delivered
/// at the models' due times on the wall clock, in order per stream; a cancelled request or
/// response and a closed STT stream deliver nothing more.
///
/// `ledger` keeps every command received, so tests can check what a provider was told.
final class ModelProviderFactory: ProviderFactory {
    let speech: SpeechTimeline
    let profiles: ProviderProfiles
    let ledger = ProviderLedger()

    init(speech: SpeechTimeline, profiles: ProviderProfiles = .liveTests) {
        self.speech = speech
        self.profiles = profiles
    }

    func makeProviders(sessionLabel: String, sink: @escaping ProviderEventSink) -> any SessionProviders {
        ModelProviders(speech: speech, profiles: profiles, ledger: ledger, label: sessionLabel, sink: sink)
    }
}

extension ProviderProfiles {
    /// Short, quick answers heard without mistakes, so a three-turn call fits in a few seconds
    /// of wall time and the transcripts can be compared with what was said.
    static let liveTests = ProviderProfiles(
        stt: STTProfile(finalDelay: .around(200_000), wordErrorRate: .zero),
        llm: LLMProfile(replyWordsMin: 4, replyWordsMax: 6), tts: TTSProfile(charactersPerSecond: 30))
}

/// Every provider command the factory's sessions received, by session.
final class ProviderLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(session: String, command: ProviderCommand)] = []

    func append(_ command: ProviderCommand, session: String) {
        lock.lock()
        entries.append((session, command))
        lock.unlock()
    }

    var commands: [ProviderCommand] {
        lock.lock()
        defer { lock.unlock() }
        return entries.map(\.command)
    }
}

private final class ModelProviders: SessionProviders {
    private let commands: AsyncStream<ProviderCommand>.Continuation
    private let worker: Task<Void, Never>
    private let stopped: Flag

    init(speech: SpeechTimeline, profiles: ProviderProfiles, ledger: ProviderLedger, label: String,
         sink: @escaping ProviderEventSink) {
        let (stream, continuation) = AsyncStream<ProviderCommand>.makeStream()
        commands = continuation
        let stopped = Flag()
        self.stopped = stopped
        let deliver: @Sendable (ServerEvent) -> Void = { event in if !stopped.isSet { sink(event) } }
        worker = Task {
            let start = ContinuousClock.now
            var seeds = PRNG(seed: 0x11_7E57)
            var stt = STTModel(profile: profiles.stt, prng: PRNG(seed: seeds.next()), micStart: .zero)
            var llm = LLMModel(profile: profiles.llm, prng: PRNG(seed: seeds.next()))
            var tts = TTSModel(profile: profiles.tts, prng: PRNG(seed: seeds.next()))
            var sttChain = DeliveryChain()
            var llmChains: [UInt32: DeliveryChain] = [:]
            var ttsChains: [UInt32: DeliveryChain] = [:]
            for await command in stream {
                ledger.append(command, session: label)
                let elapsed = start.duration(to: .now).components
                let now = Instant(micros: elapsed.seconds * 1_000_000 + elapsed.attoseconds / 1_000_000_000_000)
                let at = { (due: Instant) in start.advanced(by: .microseconds(due.micros)) }
                switch command {
                case .stt(let command):
                    if case .open = command {
                        sttChain.cancel()
                        sttChain = DeliveryChain()
                    }
                    for (due, event) in stt.handle(command, at: now, speech: speech, faults: .none) {
                        sttChain.schedule(at(due)) { deliver(.stt(event)) }
                    }
                    if case .close = command { sttChain.cancel() }
                case .llm(let command):
                    switch command {
                    case .start(let requestID, _, _):
                        llmChains[requestID]?.cancel()
                        let chain = DeliveryChain()
                        llmChains[requestID] = chain
                        for (due, event) in llm.handle(command, at: now, faults: .none) {
                            chain.schedule(at(due)) { deliver(.llm(event)) }
                        }
                    case .cancel(let requestID):
                        llmChains.removeValue(forKey: requestID)?.cancel()
                        _ = llm.handle(command, at: now, faults: .none)
                    }
                case .tts(let command):
                    let responseID: UInt32
                    switch command {
                    case .start(let id), .text(let id, _), .flush(let id), .synthesize(let id, _): responseID = id
                    case .cancel(let id):
                        ttsChains.removeValue(forKey: id)?.cancel()
                        _ = tts.handle(command, at: now, faults: .none)
                        continue
                    }
                    let chain = ttsChains[responseID] ?? DeliveryChain()
                    ttsChains[responseID] = chain
                    for (due, event) in tts.handle(command, at: now, faults: .none) {
                        chain.schedule(at(due)) { deliver(.tts(event)) }
                    }
                }
            }
            sttChain.cancel()
            for chain in llmChains.values { chain.cancel() }
            for chain in ttsChains.values { chain.cancel() }
        }
    }

    func submit(_ command: ProviderCommand) { commands.yield(command) }

    func shutdown() async {
        stopped.set()
        commands.finish()
        await worker.value
    }
}

/// Delivers events at their due times, one after another, until cancelled.
private final class DeliveryChain: @unchecked Sendable {
    private let cancelled = Flag()
    private var last: Task<Void, Never>?

    func schedule(_ due: ContinuousClock.Instant, _ deliver: @escaping @Sendable () -> Void) {
        let previous = last
        let cancelled = cancelled
        last = Task {
            await previous?.value
            guard !cancelled.isSet else { return }
            try? await Task.sleep(until: due, clock: .continuous)
            guard !cancelled.isSet else { return }
            deliver()
        }
    }

    func cancel() { cancelled.set() }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}

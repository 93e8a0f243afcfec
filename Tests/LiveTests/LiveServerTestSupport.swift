import Foundation
import Recorder
import VoiceCore
import VoiceLive
import VoiceSim

/// A caller's audio for a test call, made with the simulator's speech synthesiser, with the
/// texts it says (declared to the server, whose STT stand-in transcribes by them).
struct TestSpeech {
    let samples: [Int16]
    let timeline: SpeechTimeline
    let texts: [String]

    /// `utterances` start at the given milliseconds; the audio lasts `durationMs`.
    init(_ utterances: [(text: String, atMs: Int64)], durationMs: Int64, seed: UInt64 = 7) {
        let script = UserScript(utterances: utterances.map { UserScript.Utterance($0.text, start: .at(.millis($0.atMs))) })
        var user = SimUser(script: script, seed: seed)
        var samples: [Int16] = []
        for index in 1...(durationMs / 100) {
            samples += user.micChunk(endingAt: .millis(index * 100)).samples
        }
        self.samples = samples
        timeline = user.timeline
        texts = utterances.map(\.text)
    }

    var mic: MicInput { .samples(samples, said: texts) }
}

/// A `LiveServer` on a free loopback port for one test, talking through the real provider
/// adapters to its own local stand-ins, as `voicesim serve --providers local` does.
final class TestServer: Sendable {
    static let token = "test-token"
    let server: LiveServer
    let port: Int
    /// The stand-ins the server's providers talk to (their log says what the providers were sent).
    let standIns: StandIns
    private let task: Task<Void, any Error>

    private init(server: LiveServer, port: Int, standIns: StandIns, task: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.standIns = standIns
        self.task = task
    }

    static func start(
        standIns configuration: StandInConfiguration = StandInConfiguration(profiles: .liveTests),
        traces: TraceStore? = nil, state: SessionStateStore? = nil, limits: ServerLimits = ServerLimits(),
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> TestServer {
        let standIns = try await StandIns.start(configuration)
        let server = LiveServer(
            options: LiveServerOptions(
                host: "127.0.0.1", port: 0, token: token, limits: limits, traces: traces, state: state,
                providers: LiveProviderFactory(endpoints: standIns.endpoints), log: log))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            await standIns.shutdown()
            throw TestFailure("the server did not start")
        }
        return TestServer(server: server, port: port, standIns: standIns, task: task)
    }

    var url: String { "ws://127.0.0.1:\(port)/api/voice-v2" }

    /// Shuts down gracefully: sessions end, traces are finished; then the stand-ins stop.
    func stop() async throws {
        await server.shutdown()
        let result = await task.result
        await standIns.shutdown()
        try result.get()
    }

    func call(_ mic: MicInput, traces: TraceStore? = nil, url: String? = nil, seed: UInt64 = 42,
              maxSeconds: Int64 = 40) async -> CallReport {
        await LiveCall.run(
            CallOptions(url: url ?? self.url, token: TestServer.token, mic: mic, seed: seed, traces: traces,
                        maxMicros: maxSeconds * 1_000_000))
    }
}

extension ProviderProfiles {
    /// Short, quick answers from quick providers, so a three-turn call fits in a few seconds
    /// of wall time with room to spare on a loaded machine.
    static let liveTests = ProviderProfiles(
        stt: STTProfile(partialLatency: .fixed(20_000)),
        llm: LLMProfile(timeToFirstToken: .fixed(100_000), replyWordsMin: 4, replyWordsMax: 6),
        tts: TTSProfile(firstAudio: .fixed(100_000), charactersPerSecond: 30))
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A fresh directory under the system's temporary directory, removed when dropped.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("voicesim-live-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Every session of the trace at `path` replayed through a fresh core.
func replayAll(_ path: String) throws -> [ReplayReport] {
    try Replayer().replayAll(TraceReader(path: path))
}

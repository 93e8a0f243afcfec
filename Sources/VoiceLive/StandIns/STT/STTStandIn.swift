import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOConcurrencyHelpers
import NIOCore
import ProviderWire
import VoiceCore
import VoiceSim

/// A Deepgram live-streaming server (`/v1/listen`) hearing with `KeytermRecognizer`, or in
/// speech mode with pocketsphinx (`SpeechTranscriber`).
///
/// It checks the `Authorization: Token …` header and the query (linear16 only), answers
/// each audio message after the STT profile's `partialLatency`, handles `KeepAlive`,
/// `Finalize` and `CloseStream` (flush, `Metadata`, close 1000), and closes a stream that
/// receives nothing for the idle timeout with 1011 and NET-0001, as Deepgram does.
/// Latencies and the request id come from a PRNG seeded with the stand-in's seed and the
/// stream's keyterms.
struct STTStandIn: Sendable {
    let configuration: StandInConfiguration
    let log: StandInLog
    private let streams = NIOLockedValueBox(0)

    init(configuration: StandInConfiguration, log: StandInLog) {
        self.configuration = configuration
        self.log = log
    }

    func addRoutes(to router: Router<BasicWebSocketRequestContext>) {
        router.ws(
            RouterPath(DeepgramStreamOptions.path),
            shouldUpgrade: { request, _ in
                guard let authorization = request.headers[.authorization], authorization.hasPrefix("Token "),
                    authorization.count > "Token ".count
                else { throw HTTPError(.unauthorized, message: "missing Authorization: Token <key>") }
                do {
                    _ = try DeepgramStreamOptions(query: URLQuery(parsing: Substring(request.uri.query ?? ""), provider: .deepgram))
                } catch {
                    throw HTTPError(.badRequest, message: "\(error)")
                }
                return .upgrade([:])
            },
            onUpgrade: { inbound, outbound, context in
                let query = try URLQuery(parsing: Substring(context.request.uri.query ?? ""), provider: .deepgram)
                let options = try DeepgramStreamOptions(query: query)
                let number = streams.withLockedValue { count in
                    count += 1
                    return count
                }
                try await serve(stream: number, options: options, inbound: inbound, outbound: outbound)
            })
    }

    private func serve(
        stream number: Int, options: DeepgramStreamOptions, inbound: WebSocketInboundStream,
        outbound: WebSocketOutboundWriter
    ) async throws {
        log.append(.sttOpened(stream: number, keyterms: options.keyterms))
        let profile = configuration.profiles.stt
        var prng = PRNG(seed: StandInSeed.mix(configuration.seed, options.keyterms.joined(separator: "\n")))
        let requestID = StandInSeed.hex(prng.next()) + "-" + StandInSeed.hex(prng.next())
        var recognizer = KeytermRecognizer(phrases: options.keyterms, config: .init(options: options))
        let transcriber: SpeechTranscriber?
        do {
            transcriber = configuration.speech ? try SpeechTranscriber(options: options) : nil
        } catch {
            log.append(.sttEnded(stream: number, .fault("speech: \(error)")))
            try await outbound.write(.text(DeepgramMessage.error(description: "\(error)", variant: "SPEECH-0000").encoded))
            try await outbound.close(.unexpectedServerError, reason: "recognizer unavailable")
            return
        }
        func heard(_ samples: [Int16]) throws -> [DeepgramMessage] {
            if let transcriber { return try transcriber.audio(samples) }
            return recognizer.audio(samples)
        }
        func finalized() throws -> [DeepgramMessage] {
            if let transcriber { return try transcriber.finalize() }
            return recognizer.finalize()
        }
        let idleMicros = configuration.stt.idleTimeoutMillis.map { Int64($0) * 1_000 } ?? profile.idleTimeoutMicros
        let closeAfterMillis = configuration.stt.closeWith1011.first { $0.stream == number }?.afterAudioMillis
        let sender = ScheduledSender()
        let lastHeard = NIOLockedValueBox(ContinuousClock.now)
        let ending = NIOLockedValueBox<StandInEvent.Ending?>(nil)
        func end(_ reason: StandInEvent.Ending) -> Bool {
            ending.withLockedValue { current in
                guard current == nil else { return false }
                current = reason
                return true
            }
        }
        func schedule(_ messages: [DeepgramMessage], after latencyMicros: Int64) {
            let due = ContinuousClock.now + .microseconds(latencyMicros)
            for message in messages {
                var message = message
                if case .results(var results) = message {
                    results.requestID = requestID
                    message = .results(results)
                    if results.isFinal && !results.transcript.isEmpty {
                        log.append(.sttHeard(stream: number, transcript: results.transcript))
                    }
                }
                sender.send(.text(message.encoded), at: due)
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sender.run(outbound) }
            group.addTask {
                // Deepgram's NET-0001: nothing received for the idle timeout.
                while true {
                    let deadline = lastHeard.withLockedValue { $0 } + .microseconds(idleMicros)
                    try await Task.sleep(until: deadline, clock: .continuous)
                    if lastHeard.withLockedValue({ $0 }) + .microseconds(idleMicros) <= .now {
                        if end(.idleTimeout) {
                            sender.send(
                                .close(.unexpectedServerError, reason: "NET-0001: no audio or KeepAlive received"),
                                at: .now)
                        }
                        return
                    }
                }
            }
            var audioSamples = 0
            reading: for try await message in inbound.messages(maxSize: configuration.maxFrameBytes) {
                lastHeard.withLockedValue { $0 = .now }
                switch message {
                case .binary(let buffer):
                    let samples: [Int16]
                    do {
                        samples = try PCM16LE.samples(buffer.readableBytesView, provider: .deepgram)
                    } catch {
                        if end(.fault("odd audio frame")) {
                            sender.send(.text(DeepgramMessage.error(description: "\(error)", variant: "DATA-0000").encoded), at: .now)
                            sender.send(.close(.dataInconsistentWithMessage, reason: "DATA-0000"), at: .now)
                        }
                        break reading
                    }
                    audioSamples += samples.count
                    do {
                        schedule(try heard(samples), after: profile.partialLatency.sample(using: &prng))
                    } catch {
                        if end(.fault("speech: \(error)")) {
                            sender.send(.text(DeepgramMessage.error(description: "\(error)", variant: "SPEECH-0000").encoded), at: .now)
                            sender.send(.close(.unexpectedServerError, reason: "recognizer failed"), at: .now)
                        }
                        break reading
                    }
                    if let closeAfterMillis, audioSamples >= closeAfterMillis * 16, end(.fault("close 1011")) {
                        sender.send(.close(.unexpectedServerError, reason: "stand-in fault: internal error"), at: .now)
                        break reading
                    }
                case .text(let text):
                    let control: DeepgramControl
                    do {
                        control = try DeepgramControl(decoding: text)
                    } catch {
                        schedule([.error(description: "\(error)", variant: "DATA-0000")], after: 0)
                        continue reading
                    }
                    switch control {
                    case .keepAlive:
                        break
                    case .finalize:
                        schedule((try? finalized()) ?? [], after: profile.partialLatency.sample(using: &prng))
                    case .closeStream:
                        schedule((try? finalized()) ?? [], after: profile.partialLatency.sample(using: &prng))
                        let metadata = DeepgramMetadata(
                            requestID: requestID, duration: transcriber?.durationSeconds ?? recognizer.durationSeconds,
                            channels: 1)
                        schedule([.metadata(metadata)], after: 0)
                        if end(.completed) { sender.send(.close(.normalClosure, reason: ""), at: .now) }
                        break reading
                    }
                }
            }
            if !end(.clientClosed) {
                // The sender finishes its queue (up to the close); the watchdog has nothing left to do.
                sender.finish()
                _ = try? await group.next()
            }
            group.cancelAll()
        }
        log.append(.sttEnded(stream: number, ending.withLockedValue { $0 } ?? .clientClosed))
    }
}
